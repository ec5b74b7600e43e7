"use client";

import { useActionState } from "react";
import { Field, FormMessage, OneTimeSecret, SelectField, SubmitButton } from "../_ui/form-controls";
import { createUserAction, deleteUserAction, resetPasswordAction, setUserDisabledAction, setUserRoleAction } from "../actions";

const ROLE_OPTIONS = [
  { value: "viewer", label: "Viewer — read-only" },
  { value: "reviewer", label: "Reviewer — access-review decisions" },
  { value: "admin", label: "Admin — users, settings, everything" },
];

export function CreateUserForm() {
  const [state, formAction] = useActionState(createUserAction, undefined);
  const otp = state?.ok ? (state.data?.oneTimePassword as string | undefined) : undefined;
  return (
    <form action={formAction} className="mt-4 space-y-4" noValidate>
      <FormMessage state={state} />
      {otp ? <OneTimeSecret label="One-time password for the new user" value={otp} /> : null}
      <Field label="Email" name="email" type="email" required autoComplete="off" state={state} />
      <Field label="Name" name="name" required autoComplete="off" state={state} />
      <SelectField label="Role" name="role" options={ROLE_OPTIONS} defaultValue="viewer" state={state} />
      <Field label="Password (optional)" name="password" type="password" autoComplete="new-password" hint="Leave empty to generate a one-time password the user must change at first sign-in." state={state} />
      <SubmitButton pendingLabel="Creating…">Create user</SubmitButton>
    </form>
  );
}

export function UserRowActions({ user }: { user: { id: string; email: string; role: string; disabled: boolean; source: string } }) {
  const [roleState, roleAction] = useActionState(setUserRoleAction, undefined);
  const [disState, disAction] = useActionState(setUserDisabledAction, undefined);
  const [resetState, resetAction] = useActionState(resetPasswordAction, undefined);
  const [delState, delAction] = useActionState(deleteUserAction, undefined);
  const otp = resetState?.ok ? (resetState.data?.oneTimePassword as string | undefined) : undefined;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <form action={roleAction} className="flex items-center gap-1">
          <input type="hidden" name="id" value={user.id} />
          <label className="sr-only" htmlFor={`role-${user.id}`}>
            Role of {user.email}
          </label>
          <select id={`role-${user.id}`} name="role" defaultValue={user.role} className="rounded-md border border-slate-300 px-2 py-1 text-xs">
            <option value="viewer">viewer</option>
            <option value="reviewer">reviewer</option>
            <option value="admin">admin</option>
          </select>
          <SubmitButton variant="secondary">Set role</SubmitButton>
        </form>
        <form action={disAction}>
          <input type="hidden" name="id" value={user.id} />
          <input type="hidden" name="disabled" value={user.disabled ? "false" : "true"} />
          <SubmitButton variant="secondary">{user.disabled ? "Enable" : "Disable"}</SubmitButton>
        </form>
        {user.source === "local" ? (
          <form action={resetAction}>
            <input type="hidden" name="id" value={user.id} />
            <SubmitButton variant="secondary">Reset password</SubmitButton>
          </form>
        ) : null}
        <form
          action={delAction}
          onSubmit={(e) => {
            if (!window.confirm(`Delete ${user.email}? This cannot be undone.`)) e.preventDefault();
          }}
        >
          <input type="hidden" name="id" value={user.id} />
          <SubmitButton variant="danger">Delete</SubmitButton>
        </form>
      </div>
      {[roleState, disState, resetState, delState].map((s, i) => (s ? <FormMessage key={i} state={s} /> : null))}
      {otp ? <OneTimeSecret label={`New one-time password for ${user.email}`} value={otp} /> : null}
    </div>
  );
}
