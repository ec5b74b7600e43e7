/**
 * The shape of one attack-graph edge type. Each type lives in its own file under lib/graph/edges/ and is listed in
 * lib/graph/edges/index.ts; its wording is data that the web app and the CLI render as is.
 */
import type { EdgeContext, EdgeDraft } from "./context";
import type { MitreTechnique } from "./mitre";
import type { NodeKind } from "./types";

export interface EdgeDefinition {
  /** UPPER_SNAKE, unique. */
  label: string;
  /** Node kinds the edge leaves from / arrives at. */
  from: readonly NodeKind[];
  to: readonly NodeKind[];
  /** The permission or configuration that creates the edge, in words. */
  requires: string;
  mitre: MitreTechnique;
  /** One paragraph: what an attacker does with this step. */
  explain: string;
  /**
   * Command template that confirms the edge: `kubectl auth can-i …` for permission edges, a `kubectl get` for
   * configuration edges. `{as}` = the identity's --as flags, `{ns}` = -n NAMESPACE / --all-namespaces, `{name}` = object.
   */
  check: string;
  /** How to remove or harden against the step. */
  defences: readonly string[];
  /** Default weight: how hard the step is (lib/graph/WEIGHTS.md). */
  cost: number;
  build(ctx: EdgeContext): EdgeDraft[];
}

/** Identity function that type-checks an edge definition. */
export function defineEdge(def: EdgeDefinition): EdgeDefinition {
  return def;
}
