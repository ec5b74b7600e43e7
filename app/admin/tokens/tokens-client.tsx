"use client";

import { useActionState } from "react";
import { Field, FormMessage, OneTimeSecret, SubmitButton, fieldErrorsOf } from "../_ui/form-controls";
import { createTokenAction, revokeTokenAction } from "../actions";

export function CreateTokenForm() {
  const [state, formAction] = useActionState(createTokenAction, undefined);
  const token = state?.ok ? (state.data?.token as string | undefined) : undefined;
  const scopeErrors = fieldErrorsOf(state, "scopes");
  return (
    <form action={formAction} className="mt-4 space-y-4" noValidate>
      <FormMessage state={state} />
      {token ? <OneTimeSecret label="Your new API token" value={token} /> : null}
      <Field label="Name" name="name" required placeholder="ci-prod-push" hint="Letters, digits, . _ - (e.g. where it is used)." state={state} />
      <fieldset aria-describedby={scopeErrors.length ? "scopes-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">Scopes</legend>
        <label className="mt-1 flex items-center gap-2 text-sm">
          <input type="checkbox" name="scopes" value="ingest" defaultChecked /> ingest — push snapshots
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="scopes" value="read" /> read — read-only API
        </label>
        {scopeErrors.length ? (
          <p id="scopes-error" className="mt-1 text-xs text-red-700">
            {scopeErrors.join("; ")}
          </p>
        ) : null}
      </fieldset>
      <Field label="Expires after (days, optional)" name="expiresInDays" type="number" min={1} max={3650} state={state} />
      <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
    </form>
  );
}

export function RevokeTokenButton({ id, name }: { id: string; name: string }) {
  const [state, formAction] = useActionState(revokeTokenAction, undefined);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (!window.confirm(`Revoke token ${name}? Machines using it will be refused at once.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="danger">Revoke</SubmitButton>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}
