"use server";

import { revalidatePath } from "next/cache";
import { auditActor, recordAuditEvent } from "@/lib/auth/audit";
import { AuthError } from "@/lib/auth/db";
import { action, currentRequestMeta } from "@/lib/auth/guard";
import { crownJewelSelectorFormSchema, crownJewelSelectorRefSchema } from "@/lib/schemas/crown-jewels";
import { addCrownJewelSelector, deleteCrownJewelSelector, listClusters } from "@/lib/store";

// Crown-jewel selectors per cluster. Each goes through lib/auth/guard action() (admin session + CSRF + zod) and is
// recorded in the audit trail.

export const addCrownJewelSelectorAction = action({ role: "admin", input: crownJewelSelectorFormSchema }, async (input, user) => {
  const cluster = (await listClusters()).find((c) => c.id === input.clusterId);
  if (!cluster) throw new AuthError(`cluster #${input.clusterId} does not exist (it may have been deleted); reload the page`, 404);
  const { clusterId, ...selector } = input;
  const row = await addCrownJewelSelector(clusterId, selector, user.email);
  await recordAuditEvent({
    action: "crown_jewel_selector.create",
    actor: auditActor(user),
    target: `cluster:${cluster.name}`,
    meta: await currentRequestMeta(),
    details: { selectorId: row.id, ...selector },
  });
  revalidatePath("/admin/crown-jewels");
  return { ok: true, message: `Added to ${cluster.name}. It applies from the cluster's next collection.` };
});

export const deleteCrownJewelSelectorAction = action({ role: "admin", input: crownJewelSelectorRefSchema }, async ({ id }, user) => {
  const removed = await deleteCrownJewelSelector(id);
  if (!removed) throw new AuthError(`selector #${id} does not exist (already removed?)`, 404);
  const cluster = (await listClusters()).find((c) => c.id === removed.clusterId);
  await recordAuditEvent({
    action: "crown_jewel_selector.delete",
    actor: auditActor(user),
    target: `cluster:${cluster?.name ?? removed.clusterId}`,
    meta: await currentRequestMeta(),
    details: { selectorId: id, kind: removed.kind, namespace: removed.namespace, name: removed.name, labelSelector: removed.labelSelector, jewelName: removed.jewelName },
  });
  revalidatePath("/admin/crown-jewels");
  return { ok: true, message: "Selector removed. The cluster's next collection no longer uses it." };
});
