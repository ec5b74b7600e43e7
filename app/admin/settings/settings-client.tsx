"use client";

import { useActionState } from "react";
import { Field, FormMessage, SelectField, SubmitButton, fieldErrorsOf } from "../_ui/form-controls";
import { saveOidcSettingsAction } from "../actions";

export interface OidcFormInitial {
  enabled: boolean;
  issuerUrl: string;
  clientId: string;
  hasClientSecret: boolean;
  scopes: string;
  groupsClaim: string;
  roleMapping: string;
  defaultRole: string;
}

export function OidcSettingsForm({ initial }: { initial: OidcFormInitial | null }) {
  const [state, formAction] = useActionState(saveOidcSettingsAction, undefined);
  const mappingErrors = fieldErrorsOf(state, "roleMapping");
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="enabled" defaultChecked={initial?.enabled ?? false} /> Enable single sign-on
      </label>
      <Field label="Issuer URL" name="issuerUrl" type="url" required defaultValue={initial?.issuerUrl ?? ""} placeholder="https://login.example.com/realms/main" state={state} />
      <Field label="Client ID" name="clientId" required defaultValue={initial?.clientId ?? ""} autoComplete="off" state={state} />
      <Field
        label="Client secret"
        name="clientSecret"
        type="password"
        autoComplete="new-password"
        placeholder={initial?.hasClientSecret ? "•••••••• (stored, encrypted)" : ""}
        hint={initial?.hasClientSecret ? "Stored encrypted and never shown again. Leave empty to keep it; type a new one to replace it." : "Stored encrypted at rest and never shown again."}
        state={state}
      />
      <Field label="Scopes" name="scopes" defaultValue={initial?.scopes ?? "openid email profile"} hint="Space-separated; must include openid. Add your IdP's groups scope if it needs one." state={state} />
      <Field label="Groups claim" name="groupsClaim" defaultValue={initial?.groupsClaim ?? "groups"} hint="The ID-token or UserInfo claim that lists the user's groups." state={state} />
      <div>
        <label htmlFor="field-roleMapping" className="block text-sm font-medium text-slate-700">
          Group → role mapping
        </label>
        <textarea
          id="field-roleMapping"
          name="roleMapping"
          rows={5}
          defaultValue={initial?.roleMapping ?? ""}
          placeholder={"platform-admins = admin\nsecurity = reviewer\nengineering = viewer"}
          aria-invalid={mappingErrors.length > 0 || undefined}
          aria-describedby="field-roleMapping-hint"
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm shadow-sm"
        />
        <p id="field-roleMapping-hint" className="mt-1 text-xs text-slate-500">
          One <code>group = admin|reviewer|viewer</code> per line.
        </p>
        {mappingErrors.length ? <p className="mt-1 text-xs text-red-700">{mappingErrors.join("; ")}</p> : null}
      </div>
      <SelectField
        label="Users whose groups map to no role"
        name="defaultRole"
        defaultValue={initial?.defaultRole ?? "none"}
        options={[
          { value: "none", label: "are refused" },
          { value: "viewer", label: "become viewers" },
          { value: "reviewer", label: "become reviewers" },
          { value: "admin", label: "become admins" },
        ]}
        state={state}
      />
      <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
    </form>
  );
}
