/**
 * The subset of SARIF 2.1.0 that GitHub code scanning requires and reads, as zod schemas, taken from GitHub's
 * "SARIF support for code scanning" reference (properties marked required, limits on descriptions, tags, locations
 * and results, security-severity range) plus the cross-references a consumer relies on: unique rule ids, every
 * result's ruleId (and ruleIndex) resolving to a rule, unique fingerprints per result.
 */
import { z } from "zod";

const text = z.object({ text: z.string().min(1) });
const level = z.enum(["none", "note", "warning", "error"]);

export const githubRule = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(255).optional(),
  shortDescription: z.object({ text: z.string().min(1).max(1024) }),
  fullDescription: z.object({ text: z.string().min(1).max(1024) }),
  help: z.object({ text: z.string().min(1), markdown: z.string().min(1).optional() }),
  helpUri: z.url().optional(),
  defaultConfiguration: z.object({ level: z.enum(["note", "warning", "error"]) }).optional(),
  properties: z
    .object({
      tags: z.array(z.string().min(1)).max(20).optional(),
      precision: z.enum(["very-high", "high", "medium", "low"]).optional(),
      // "a value that is greater than 0.0 up to 10.0", written as a string.
      "security-severity": z
        .string()
        .regex(/^\d+(\.\d+)?$/)
        .refine((v) => Number(v) > 0 && Number(v) <= 10, "must be in (0, 10]")
        .optional(),
    })
    .optional(),
});

export const githubLocation = z.object({
  physicalLocation: z.object({
    artifactLocation: z.object({
      // Relative to the repository root: no scheme, no leading slash or ./, forward slashes.
      uri: z
        .string()
        .min(1)
        .refine((u) => !/^[a-z]+:/i.test(u) && !u.startsWith("/") && !u.startsWith("./") && !u.includes("\\"), "must be a relative path"),
      uriBaseId: z.string().optional(),
    }),
    region: z.object({ startLine: z.number().int().positive(), startColumn: z.number().int().positive().optional() }).optional(),
  }),
});

export const githubResult = z.object({
  ruleId: z.string().min(1),
  ruleIndex: z.number().int().nonnegative().optional(),
  level: level.optional(),
  message: text,
  locations: z.array(githubLocation).min(1).max(1000),
  partialFingerprints: z.record(z.string(), z.string().min(1)).refine((p) => Object.keys(p).length > 0, "needs at least one fingerprint"),
});

export const githubSarif = z
  .object({
    $schema: z.string().min(1),
    version: z.literal("2.1.0"),
    runs: z
      .array(
        z.object({
          tool: z.object({ driver: z.object({ name: z.string().min(1), version: z.string().optional(), semanticVersion: z.string().optional(), rules: z.array(githubRule).max(25_000) }) }),
          results: z.array(githubResult).max(25_000),
        }),
      )
      .min(1)
      .max(20),
  })
  .superRefine((log, ctx) => {
    log.runs.forEach((run, r) => {
      const ids = run.tool.driver.rules.map((rule) => rule.id);
      if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["runs", r, "tool", "driver", "rules"], message: "rule ids are not unique" });
      const prints = new Set<string>();
      run.results.forEach((res, i) => {
        const path = ["runs", r, "results", i];
        if (!ids.includes(res.ruleId)) ctx.addIssue({ code: "custom", path: [...path, "ruleId"], message: `ruleId ${res.ruleId} is not in tool.driver.rules` });
        if (res.ruleIndex !== undefined && ids[res.ruleIndex] !== res.ruleId) ctx.addIssue({ code: "custom", path: [...path, "ruleIndex"], message: "ruleIndex points at another rule" });
        const key = JSON.stringify(res.partialFingerprints);
        if (prints.has(key)) ctx.addIssue({ code: "custom", path: [...path, "partialFingerprints"], message: "duplicate fingerprint" });
        prints.add(key);
      });
    });
  });

export type GithubSarif = z.infer<typeof githubSarif>;
