/**
 * Palisade's risk-rule catalogue: every rule, listed explicitly (no self-registration), and the runner.
 * One file per rule; the file name is the rule id.
 */
import type { Analysis } from "@/lib/rbac/types";
import { runCatalogue } from "./support/run";
import type { Finding, Rule, RunOptions } from "./types";

import admissionPolicyWrite from "./admission-policy-write";
import admissionWebhookWrite from "./admission-webhook-write";
import aggregationLabelledRoleDangerous from "./aggregation-labelled-role-dangerous";
import anonymousAccessGrant from "./anonymous-access-grant";
import apiserviceWrite from "./apiservice-write";
import authenticatedGroupGrant from "./authenticated-group-grant";
import awsAuthConfigmapWrite from "./aws-auth-configmap-write";
import awsAuthSystemMasters from "./aws-auth-system-masters";
import clusterAdminEquivalent from "./cluster-admin-equivalent";
import clusterroleAggregationInjection from "./clusterrole-aggregation-injection";
import configmapWriteKubeSystem from "./configmap-write-kube-system";
import crdWrite from "./crd-write";
import csrApprove from "./csr-approve";
import csrSignerSign from "./csr-signer-sign";
import danglingRoleRef from "./dangling-role-ref";
import defaultServiceaccountGrant from "./default-serviceaccount-grant";
import deleteBroad from "./delete-broad";
import endpointsHijack from "./endpoints-hijack";
import eventsLogsTampering from "./events-logs-tampering";
import gitopsResourceWrite from "./gitops-resource-write";
import impersonateServiceaccounts from "./impersonate-serviceaccounts";
import impersonateUidsUserextras from "./impersonate-uids-userextras";
import impersonateUsersGroups from "./impersonate-users-groups";
import leaseHijack from "./lease-hijack";
import namespaceAdminWildcard from "./namespace-admin-wildcard";
import namespaceWrite from "./namespace-write";
import networkpolicyWrite from "./networkpolicy-write";
import nodesModify from "./nodes-modify";
import nodesProxy from "./nodes-proxy";
import persistentvolumeCreate from "./persistentvolume-create";
import podsAttach from "./pods-attach";
import podsCreate from "./pods-create";
import podsEphemeralContainers from "./pods-ephemeral-containers";
import podsExec from "./pods-exec";
import podsPortforward from "./pods-portforward";
import podsUpdate from "./pods-update";
import policyEngineWrite from "./policy-engine-write";
import rbacBindVerb from "./rbac-bind-verb";
import rbacBindingWrite from "./rbac-binding-write";
import rbacEscalateVerb from "./rbac-escalate-verb";
import rbacRoleWrite from "./rbac-role-write";
import reviewApiOracle from "./review-api-oracle";
import secretsCreateTokenMint from "./secrets-create-token-mint";
import secretsReadClusterWide from "./secrets-read-cluster-wide";
import secretsReadNamespaced from "./secrets-read-namespaced";
import serviceStatusWrite from "./service-status-write";
import serviceaccountManyNamespaces from "./serviceaccount-many-namespaces";
import serviceaccountTokenCreate from "./serviceaccount-token-create";
import unusedRoleDangerous from "./unused-role-dangerous";
import wildcardApiGroups from "./wildcard-api-groups";
import wildcardResources from "./wildcard-resources";
import wildcardVerbs from "./wildcard-verbs";
import workloadControllersCreate from "./workload-controllers-create";
import workloadControllersUpdate from "./workload-controllers-update";

/** The catalogue, grouped by theme (cluster-admin, credentials, workloads, RBAC, impersonation, nodes, admission, config, subjects, hygiene). */
export const rules: readonly Rule[] = [
  clusterAdminEquivalent,
  namespaceAdminWildcard,
  wildcardVerbs,
  wildcardResources,
  wildcardApiGroups,
  secretsReadClusterWide,
  secretsReadNamespaced,
  secretsCreateTokenMint,
  serviceaccountTokenCreate,
  podsCreate,
  workloadControllersCreate,
  workloadControllersUpdate,
  podsUpdate,
  podsExec,
  podsAttach,
  podsEphemeralContainers,
  podsPortforward,
  rbacEscalateVerb,
  rbacBindVerb,
  rbacBindingWrite,
  rbacRoleWrite,
  clusterroleAggregationInjection,
  aggregationLabelledRoleDangerous,
  gitopsResourceWrite,
  impersonateUsersGroups,
  impersonateServiceaccounts,
  impersonateUidsUserextras,
  nodesProxy,
  nodesModify,
  csrApprove,
  csrSignerSign,
  persistentvolumeCreate,
  admissionWebhookWrite,
  admissionPolicyWrite,
  crdWrite,
  apiserviceWrite,
  policyEngineWrite,
  configmapWriteKubeSystem,
  awsAuthConfigmapWrite,
  namespaceWrite,
  endpointsHijack,
  serviceStatusWrite,
  networkpolicyWrite,
  deleteBroad,
  eventsLogsTampering,
  leaseHijack,
  anonymousAccessGrant,
  authenticatedGroupGrant,
  awsAuthSystemMasters,
  defaultServiceaccountGrant,
  reviewApiOracle,
  serviceaccountManyNamespaces,
  danglingRoleRef,
  unusedRoleDangerous,
];

const byId = new Map(rules.map((r) => [r.id, r]));

/** The rule with this id, if it exists. */
export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}

/**
 * Runs every rule over every identity (and the cluster-level rules once) and returns findings sorted by severity.
 * `includeBuiltin: false` drops by-design findings (Kubernetes' unchanged default policy); `rules` restricts the run.
 */
export function runRules(analysis: Analysis, opts: RunOptions = {}): Finding[] {
  return runCatalogue(opts.rules ?? rules, analysis, opts);
}

export { defineRule } from "./support/define-rule";
export { scoreIdentities } from "./score";
export type * from "./types";
export { SEVERITIES, SEVERITY_RANK, RULE_CATEGORIES } from "./types";
