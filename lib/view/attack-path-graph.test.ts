import { describe, expect, it } from "vitest";
import { buildPathGraph, COLUMN_GAP, JEWEL_NODE, layoutPathGraph, pathGraphElements, pathKey, ROW_GAP, type PathInput } from "./attack-path-graph";

const deployer = { id: "ServiceAccount:ci:deployer", kind: "ServiceAccount", label: "service account ci/deployer" };
const api = { id: "ServiceAccount:payments:api", kind: "ServiceAccount", label: "service account payments/api" };
const db = { id: "Secret:payments:db", kind: "Secret", label: "secret payments/db" };

const direct: PathInput = { identityId: api.id, rank: 0, cost: 1, steps: [{ label: "SECRET_READ", from: api, to: db, cost: 1, explanation: "can read secret payments/db" }] };
const mount: PathInput = { identityId: deployer.id, rank: 0, cost: 2, steps: [{ label: "CREATE_POD", from: deployer, to: db, cost: 2, explanation: "can create pods in payments → reads secret payments/db" }] };
const viaApi: PathInput = {
  identityId: deployer.id,
  rank: 1,
  cost: 3,
  steps: [
    { label: "CREATE_POD", from: deployer, to: api, cost: 2, explanation: "can create pods in payments → acts as service account payments/api" },
    { label: "SECRET_READ", from: api, to: db, cost: 1, explanation: "can read secret payments/db" },
  ],
};

describe("the paths layer", () => {
  it("draws each reacher's steps into the jewel, sharing nodes and edges between paths", () => {
    const g = buildPathGraph({ id: "jewel:x", name: "Payments DB" }, [direct, mount], viaApi);
    expect(g.nodes.map((n) => [n.id, n.kind])).toEqual([
      [JEWEL_NODE, "jewel"],
      [api.id, "serviceaccount"],
      [db.id, "secret"],
      [deployer.id, "serviceaccount"],
    ]);
    expect(g.nodes.find((n) => n.id === deployer.id)).toMatchObject({ cost: 2, href: "/identities/ServiceAccount%3Aci%3Adeployer" });
    // The api's SECRET_READ edge serves its own path and the deployer's alternative.
    expect(g.edges.find((e) => e.id === `SECRET_READ|${api.id}|${db.id}`)!.paths).toEqual([pathKey(api.id, 0), pathKey(deployer.id, 1)]);
    expect(g.edges.filter((e) => e.target === JEWEL_NODE)).toHaveLength(1);
    expect(g.paths[pathKey(deployer.id, 1)]).toMatchObject({ nodes: [deployer.id, api.id, db.id, JEWEL_NODE], cost: 3 });
    expect(g.paths[pathKey(deployer.id, 1)]!.summary).toBe("can create pods in payments → acts as service account payments/api → can read secret payments/db");
    expect(g.highlight).toBe(pathKey(deployer.id, 1));
  });

  it("does not add the highlighted path twice when it is one of the drawn ones", () => {
    const g = buildPathGraph({ id: "jewel:x", name: "Payments DB" }, [direct, mount], mount);
    expect(Object.keys(g.paths)).toEqual([pathKey(api.id, 0), pathKey(deployer.id, 0)]);
  });

  it("highlights one path's nodes and edges and fades the rest", () => {
    const g = buildPathGraph({ id: "jewel:x", name: "Payments DB" }, [direct, mount], null);
    const els = pathGraphElements(g, pathKey(api.id, 0));
    const cls = (id: string) => els.find((e) => e.data.id === id)!.classes;
    expect(cls(api.id)).toBe("serviceaccount on-path");
    expect(cls(deployer.id)).toBe("serviceaccount faded");
    expect(cls(`SECRET_READ|${api.id}|${db.id}`)).toBe("step on-path");
    expect(cls(`CREATE_POD|${deployer.id}|${db.id}`)).toBe("step faded");
    expect(pathGraphElements(g, null).every((e) => !e.classes.includes("faded"))).toBe(true);
  });

  it("lays the layer out left to right: identities, then each step's node, then the jewel", () => {
    const g = buildPathGraph({ id: "jewel:x", name: "Payments DB" }, [direct, mount], viaApi);
    const { positions, columns, tallest } = layoutPathGraph(g);
    // api starts a path, so it stays in the first column although the deployer's alternative passes through it.
    expect(positions[api.id]).toEqual({ x: 0, y: 0 }); // cheapest (cost 1) first
    expect(positions[deployer.id]).toEqual({ x: 0, y: ROW_GAP });
    // db is step 2 of the alternative; the empty column 1 is dropped.
    expect(positions[db.id]!.x).toBe(COLUMN_GAP);
    expect(positions[JEWEL_NODE]!.x).toBe(2 * COLUMN_GAP);
    expect(columns).toBe(3);
    expect(tallest).toBe(2);
  });
});
