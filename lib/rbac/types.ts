import type { ClusterRole, Inventory, PolicyRule, SubjectKind, SubjectRef } from "@/lib/k8s/types";

/** A binding as referenced in provenance. `namespace` is set for RoleBindings only. */
export interface BindingRef {
  kind: "RoleBinding" | "ClusterRoleBinding";
  name: string;
  namespace?: string;
}

/** A role as referenced in provenance. `namespace` is set for Roles only. */
export interface RoleRefResolved {
  kind: "Role" | "ClusterRole";
  name: string;
  namespace?: string;
}

/**
 * One PolicyRule as bound by one binding in one scope: the unit of effective permission.
 * `namespace === null` means cluster-wide (ClusterRoleBinding → ClusterRole);
 * a RoleBinding grants only inside its own namespace, even when it references a ClusterRole.
 */
export interface Grant {
  binding: BindingRef;
  role: RoleRefResolved;
  ruleIndex: number;
  rule: PolicyRule;
  namespace: string | null;
  /** The binding subject through which the identity receives this grant (itself, or one of its groups). */
  via: SubjectRef;
}

/** Stable id of an identity: `User:alice`, `Group:devs`, `ServiceAccount:ns:name`. */
export type IdentityId = string;

export interface Identity {
  id: IdentityId;
  kind: SubjectKind;
  name: string;
  /** ServiceAccounts only. */
  namespace?: string;
  /** The user name the API server authenticates: `system:serviceaccount:NS:NAME` for service accounts. */
  username?: string;
  /** Groups the identity is in: implicit ones for service accounts (and system:authenticated). Empty for Group identities. */
  groups: string[];
  /** A Kubernetes system identity (system:*, bootstrap policy subjects). */
  builtIn: boolean;
  /** For ServiceAccounts: whether the ServiceAccount object exists in the inventory. Always true for users and groups. */
  exists: boolean;
  /** Bindings that name this identity directly. */
  bindings: BindingRef[];
}

/** A binding whose roleRef names a Role/ClusterRole that is not in the inventory. */
export interface DanglingRoleRef {
  binding: BindingRef;
  role: RoleRefResolved;
  subjects: SubjectRef[];
}

/** A binding subject naming a ServiceAccount that does not exist. */
export interface DanglingSubject {
  binding: BindingRef;
  subject: SubjectRef;
}

/** Request attributes, as in a SubjectAccessReview's resourceAttributes / nonResourceAttributes. */
export interface ResourceAttributes {
  verb: string;
  /** '' is the core group. */
  apiGroup: string;
  resource: string;
  subresource?: string;
  name?: string;
  /** '' or undefined means a cluster-scoped request. */
  namespace?: string;
}

export interface NonResourceAttributes {
  verb: string;
  path: string;
}

export type RequestAttributes = ({ type: "resource" } & ResourceAttributes) | ({ type: "nonResource" } & NonResourceAttributes);

export interface Analysis {
  inventory: Inventory;
  /** ClusterRoles with aggregated rules filled in (aggregated rules replace the role's own). */
  clusterRoles: Map<string, ClusterRole>;
  identities: Identity[];
  identityById: Map<IdentityId, Identity>;
  /** Effective grants per identity, including those inherited through its groups. */
  grantsByIdentity: Map<IdentityId, Grant[]>;
  danglingRoleRefs: DanglingRoleRef[];
  danglingSubjects: DanglingSubject[];
}
