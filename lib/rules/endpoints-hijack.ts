import { defineRule } from "./support/define-rule";
import { anyOf, evidenceFor, probes } from "./support/probes";
import { MITRE, mitreRefs, REF } from "./support/references";
import { CORE, WRITE_VERBS } from "./support/requests";
import { byScopeSeverity, oneFinding } from "./support/scoped";

const ANY = anyOf(
  probes({ verbs: WRITE_VERBS, apiGroup: CORE, resources: ["endpoints"] }),
  probes({ verbs: WRITE_VERBS, apiGroup: "discovery.k8s.io", resources: ["endpointslices"] }),
);
/** default/kubernetes is where every in-cluster client finds the API server. */
const API_SERVER = anyOf(
  probes({ verbs: ["update", "patch"], apiGroup: CORE, resources: ["endpoints"], namespace: "default", names: ["kubernetes"] }),
  probes({ verbs: ["update", "patch"], apiGroup: "discovery.k8s.io", resources: ["endpointslices"], namespace: "default", names: ["kubernetes"] }),
);

export default defineRule({
  id: "endpoints-hijack",
  title: "Write Endpoints or EndpointSlices (redirect Service traffic)",
  severity: "medium",
  category: "configuration-and-network",
  rationale:
    "Endpoints and EndpointSlices decide where a Service's traffic goes. Writing them redirects a Service to an attacker's pod or an " +
    "external address; for default/kubernetes that is every in-cluster client's connection to the API server, tokens included.",
  remediation: "Leave Endpoints to the endpoint controllers; grant writes only to components that manage selector-less Services, with resourceNames.",
  references: [REF.endpointSlices, REF.leastPrivilege, ...mitreRefs(MITRE.adversaryInTheMiddle)],
  mitre: [MITRE.adversaryInTheMiddle],
  match(ctx) {
    const api = oneFinding(evidenceFor(ctx.grants, API_SERVER), "can redirect the default/kubernetes Service (API server endpoints)", "default", "high");
    return api.length > 0 ? api : byScopeSeverity(evidenceFor(ctx.grants, ANY), "can write Service endpoints", { cluster: "medium", namespace: "low" });
  },
});
