/**
 * The attack-graph edge catalogue: an explicit list (no self-registration). Order is presentation order only.
 * lib/graph/edges/registry.test.ts checks unique labels, complete metadata and a firing + non-firing fixture per edge.
 */
import type { EdgeDefinition } from "../define-edge";
import aggregationInject from "./aggregation-inject";
import awsAuthMapped from "./aws-auth-mapped";
import awsAuthWrite from "./aws-auth-write";
import cloudRole from "./cloud-role";
import clusterAdmin from "./cluster-admin";
import containerEscape from "./container-escape";
import createPod from "./create-pod";
import csrApprove from "./csr-approve";
import ephemeralContainer from "./ephemeral-container";
import granted from "./granted";
import impersonate from "./impersonate";
import memberOf from "./member-of";
import mountedSecret from "./mounted-secret";
import namespaceAdmin from "./namespace-admin";
import nodeToPods from "./node-to-pods";
import nodesProxy from "./nodes-proxy";
import podAttach from "./pod-attach";
import podExec from "./pod-exec";
import podPatch from "./pod-patch";
import rbacWrite from "./rbac-write";
import roleBind from "./role-bind";
import roleEscalate from "./role-escalate";
import runsAs from "./runs-as";
import secretRead from "./secret-read";
import tokenRequest from "./token-request";
import tokenSecret from "./token-secret";
import webhookWrite from "./webhook-write";
import workloadPatch from "./workload-patch";

export const EDGES: readonly EdgeDefinition[] = [
  // identity → what it holds
  memberOf,
  granted,
  impersonate,
  // RBAC self-modification
  roleBind,
  roleEscalate,
  rbacWrite,
  aggregationInject,
  // workloads and credentials
  createPod,
  workloadPatch,
  podExec,
  podAttach,
  ephemeralContainer,
  podPatch,
  tokenRequest,
  secretRead,
  // cluster-level takeovers
  nodesProxy,
  csrApprove,
  webhookWrite,
  awsAuthWrite,
  // configuration edges
  runsAs,
  mountedSecret,
  tokenSecret,
  containerEscape,
  nodeToPods,
  cloudRole,
  awsAuthMapped,
  namespaceAdmin,
  clusterAdmin,
];

export const EDGE_BY_LABEL: ReadonlyMap<string, EdgeDefinition> = new Map(EDGES.map((e) => [e.label, e]));
