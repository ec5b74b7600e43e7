import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAwsAuth } from "./aws-auth";
import { formatInputError } from "./errors";
import { loadInventory } from "./files";

// Expected results follow aws-iam-authenticator's own test table for these files
// (pkg/mapper/configmap/yaml_test.go): entry keys are case-insensitive, top-level keys are not.
const DIR = path.join(import.meta.dirname, "..", "..", "test", "fixtures", "real", "cloud-iam", "eks-aws-auth", "aws-iam-authenticator");
const NODE_ROLE = "arn:aws:iam::555555555555:role/devel-worker-nodes-NodeInstanceRole-74RF4UBDUKL6";
const VALID = [
  { type: "role", arn: NODE_ROLE, username: "system:node:{{EC2PrivateDNSName}}", groups: ["system:bootstrappers", "system:nodes"] },
  { type: "user", arn: "arn:aws:iam::555555555555:user/admin", username: "admin", groups: ["system:masters"] },
];

async function load(file: string) {
  return loadInventory([path.join(DIR, file)]);
}

describe("aws-auth ConfigMap (real fixtures)", () => {
  for (const file of ["aws-auth.yaml", "aws-auth-crazy-case-keys.yaml", "aws-auth-open-source-case-keys.yaml"]) {
    it(`${file}: maps the node role and the admin user`, async () => {
      const r = await load(file);
      expect(r.errors).toEqual([]);
      expect(r.warnings).toEqual([]);
      expect(r.inventory.awsAuth).toEqual(VALID);
      // The aws-auth ConfigMap is modelled, not counted as an ignored kind.
      expect(r.inventory.ignoredKinds).toEqual({});
    });
  }

  // lower-case: maproles, mapusers, mapaccounts are look-alikes of the three keys. crazy-case: MaPrOlEs and mApUsErS
  // are, but "MaPrCcOuNtS" (sic, "Rcc") is not a spelling of mapAccounts at all, so only two warnings.
  const topKeyCases: [string, string[]][] = [
    ["aws-auth-lower-case-top-keys.yaml", ["maproles", "mapusers", "mapaccounts"]],
    ["aws-auth-crazy-case-top-keys.yaml", ["MaPrOlEs", "mApUsErS"]],
  ];
  for (const [file, keys] of topKeyCases) {
    it(`${file}: top-level keys are case-sensitive, so nobody is mapped (with warnings)`, async () => {
      const r = await load(file);
      expect(r.errors).toEqual([]);
      expect(r.inventory.awsAuth).toEqual([]);
      expect(r.warnings.map((w) => /key '([^']+)'/.exec(w.message)?.[1])).toEqual(keys);
      expect(r.warnings.every((w) => w.object === "ConfigMap kube-system/aws-auth" && w.line === 1)).toBe(true);
    });
  }

  it("aws-auth-space-out-of-place.yaml: the mis-indented group folds into one odd group name, as the authenticator reads it", async () => {
    const r = await load("aws-auth-space-out-of-place.yaml");
    expect(r.errors).toEqual([]);
    expect(r.inventory.awsAuth).toEqual([
      { type: "role", arn: NODE_ROLE, username: "system:node:{{EC2PrivateDNSName}}", groups: ["system:bootstrappers - system:nodes"] },
      VALID[1],
    ]);
    expect(r.warnings.map((w) => w.message)).toEqual([
      "aws-auth: mapRoles[0]: group 'system:bootstrappers - system:nodes' contains ' - ': probably a mis-indented list item",
    ]);
  });

  it("aws-auth-missing-bar.yaml: mapRoles is a YAML list, not a string: an input error and no mappings", async () => {
    const r = await load("aws-auth-missing-bar.yaml");
    const file = path.join(DIR, "aws-auth-missing-bar.yaml");
    expect(r.errors.map(formatInputError)).toEqual([
      `${file}:1: aws-auth: data.mapRoles must be a string (ConfigMap data values are strings; did you forget the '|' after 'mapRoles:'?) — the API server rejects this ConfigMap, so it maps nobody (in ConfigMap kube-system/aws-auth)`,
    ]);
    expect(r.inventory.awsAuth).toEqual([]);
  });
});

describe("parseAwsAuth", () => {
  it("reports a mapRoles string that is not valid YAML and still reads mapUsers", () => {
    // Line 2 of the mapRoles string is `  username: x: y`; the nested mapping starts at column 13.
    const r = parseAwsAuth({
      mapRoles: "- rolearn: arn:aws:iam::1:role/a\n  username: x: y\n",
      mapUsers: "- userarn: arn:aws:iam::1:user/u\n  groups: [devs]\n",
    });
    expect(r.mappings).toEqual([{ type: "user", arn: "arn:aws:iam::1:user/u", groups: ["devs"] }]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.severity).toBe("error");
    expect(r.problems[0]!.message).toMatch(/^aws-auth: mapRoles is not valid YAML at line 2, column 13 of the mapRoles string: /);
  });

  it("skips entries without an ARN or with non-string groups, and blank values", () => {
    const r = parseAwsAuth({
      mapRoles: "- username: nobody\n- rolearn: arn:aws:iam::1:role/r\n  groups: system:masters\n- rolearn: arn:aws:iam::1:role/ok\n",
      mapUsers: '""',
    });
    expect(r.mappings).toEqual([{ type: "role", arn: "arn:aws:iam::1:role/ok", groups: [] }]);
    expect(r.problems.map((p) => p.message)).toEqual([
      "aws-auth: mapRoles[0]: rolearn is required and must be a string",
      "aws-auth: mapRoles[1]: groups must be a list of strings",
    ]);
  });
});
