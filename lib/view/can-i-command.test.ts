import { describe, expect, it } from "vitest";
import { canICommand, cliSourcePaths, shellQuote } from "./can-i-command";

describe("shellQuote", () => {
  it("leaves safe words bare and single-quotes the rest", () => {
    expect(shellQuote("pods/exec")).toBe("pods/exec");
    expect(shellQuote("system:serviceaccount:ci:deployer")).toBe("system:serviceaccount:ci:deployer");
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("*")).toBe("'*'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});

describe("canICommand", () => {
  const from = ["lib/demo/manifests", "lib/collect/kubernetes-bootstrap"];
  it("asks as the service account's user name, in the scope's namespace", () => {
    expect(canICommand({ identity: { kind: "ServiceAccount", name: "deployer", namespace: "ci" }, verb: "create", apiGroup: "", resource: "pods", namespace: "payments", from })).toBe(
      "palisade can-i create pods --api-group '' -n payments --as system:serviceaccount:ci:deployer --from lib/demo/manifests --from lib/collect/kubernetes-bootstrap",
    );
  });
  it("asks for a group through --as-group and quotes wildcards", () => {
    expect(canICommand({ identity: { kind: "Group", name: "oidc:sre" }, verb: "*", apiGroup: "*", resource: "*", namespace: null, from: ["m"] })).toBe(
      "palisade can-i '*' '*' --api-group '*' --as member-of-group --as-group oidc:sre --from m",
    );
  });
  it("names an object for a name-restricted cell and uses --path for URLs", () => {
    expect(canICommand({ identity: { kind: "User", name: "alice" }, verb: "get", apiGroup: "", resource: "secrets", namespace: "payments", name: "db-creds", from: ["m"] })).toBe(
      "palisade can-i get secrets --api-group '' -n payments --name db-creds --as alice --from m",
    );
    expect(canICommand({ identity: { kind: "User", name: "alice" }, verb: "get", path: "/healthz", from: ["m"] })).toBe("palisade can-i get --path /healthz --as alice --from m");
  });
  it("asks as system:anonymous for the unauthenticated group", () => {
    expect(canICommand({ identity: { kind: "Group", name: "system:unauthenticated" }, verb: "get", path: "/version", from: ["m"] })).toBe("palisade can-i get --path /version --as system:anonymous --from m");
  });
});

describe("cliSourcePaths", () => {
  it("reproduces the demo with the bootstrap policy loaded beside it", () => {
    expect(cliSourcePaths({ source: "files", sourceDetail: "Acme Pay demo (lib/demo/manifests), content sha256:abc" })).toEqual(["lib/demo/manifests", "lib/collect/kubernetes-bootstrap"]);
  });
  it("uses a file snapshot's paths and a dump for live snapshots", () => {
    expect(cliSourcePaths({ source: "files", sourceDetail: "a/, b.yaml" })).toEqual(["a/", "b.yaml"]);
    expect(cliSourcePaths({ source: "live", sourceDetail: "context prod (https://x)" })).toEqual(["cluster-dump.json"]);
  });
});
