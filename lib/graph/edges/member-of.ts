import { identityId } from "@/lib/rbac/subjects";
import { defineEdge } from "../define-edge";
import type { EdgeDraft } from "../context";
import { MITRE } from "../mitre";

/** User / service account → the groups the API server puts it in (system:authenticated, system:serviceaccounts[:NS]). */
export default defineEdge({
  label: "MEMBER_OF",
  from: ["User", "ServiceAccount"],
  to: ["Group"],
  requires: "Nothing: the authenticator adds the group to every request of the identity.",
  mitre: MITRE.validAccounts,
  explain:
    "Every authenticated user is in system:authenticated; a service account is also in system:serviceaccounts and " +
    "system:serviceaccounts:<namespace>. Whatever is bound to one of these groups is held by every member, so a grant to " +
    "the group is a grant to each of them. The graph keeps such grants on the group node and links members to it.",
  check: "kubectl auth whoami {as}",
  defences: [
    "Bind nothing beyond discovery to system:authenticated, system:unauthenticated or system:serviceaccounts.",
    "Bind roles to named users, groups from your identity provider, or individual service accounts instead.",
  ],
  cost: 0,
  build(ctx) {
    const out: EdgeDraft[] = [];
    for (const p of ctx.principals) {
      if (p.kind === "Group") continue;
      for (const g of p.groups) {
        const to = identityId("Group", g);
        if (!ctx.hasNode(to)) continue;
        out.push({
          from: p.id,
          to,
          explanation: `is in group ${g}`,
          evidence: [{ kind: "membership", fact: `${p.username ?? p.name} is in ${g} on every request (implicit group)` }],
          check: `kubectl auth whoami --as=${p.username ?? p.name}`,
        });
      }
    }
    return out;
  },
});
