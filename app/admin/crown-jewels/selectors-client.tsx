"use client";

import { useActionState } from "react";
import { Field, FormMessage, SelectField, SubmitButton } from "../_ui/form-controls";
import { addCrownJewelSelectorAction, deleteCrownJewelSelectorAction } from "./actions";

export function AddSelectorForm({ clusters, defaultClusterId }: { clusters: { id: number; name: string }[]; defaultClusterId?: number }) {
  const [state, formAction] = useActionState(addCrownJewelSelectorAction, undefined);
  return (
    <form action={formAction} className="mt-4 space-y-4" noValidate data-testid="add-selector-form">
      <FormMessage state={state} />
      <SelectField label="Cluster" name="clusterId" options={clusters.map((c) => ({ value: String(c.id), label: c.name }))} defaultValue={defaultClusterId ? String(defaultClusterId) : undefined} state={state} />
      <SelectField
        label="Kind"
        name="kind"
        options={[
          { value: "Secret", label: "Secret" },
          { value: "Workload", label: "Workload (pods and their controllers)" },
          { value: "Namespace", label: "Namespace (all its workloads and secrets)" },
        ]}
        state={state}
      />
      <Field label="Namespace" name="namespace" placeholder="payments" hint="Optional. For a Namespace selector, the namespace itself." state={state} />
      <Field label="Name" name="name" placeholder="ledger-db-credentials" hint="Optional: one object by name." state={state} />
      <Field label="Label selector" name="labelSelector" placeholder="app=ledger,tier in (gold)" hint="Optional, kubectl syntax. Give at least a namespace, a name or a label selector." state={state} />
      <Field label="Crown-jewel name" name="jewelName" placeholder="Payments ledger" hint="Optional: objects selected under one name form one crown jewel." state={state} />
      <Field label="Tier" name="tier" placeholder="tier-0" hint="Optional (default tier-1); tier-0 is the most valuable." state={state} />
      <SubmitButton pendingLabel="Adding…">Add selector</SubmitButton>
    </form>
  );
}

export function DeleteSelectorButton({ id, description }: { id: number; description: string }) {
  const [state, formAction] = useActionState(deleteCrownJewelSelectorAction, undefined);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm(`Remove the selector "${description}"? The cluster's next collection no longer treats what it selects as a crown jewel.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="danger">Remove</SubmitButton>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}
