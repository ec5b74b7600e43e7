"use client";

import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/app/admin/_ui/form-controls";
import { changePasswordAction } from "../actions";

export function PasswordForm() {
  const [state, formAction] = useActionState(changePasswordAction, undefined);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required state={state} />
      <Field label="New password" name="newPassword" type="password" autoComplete="new-password" required minLength={12} hint="At least 12 characters. A passphrase of several words is easiest to remember." state={state} />
      <Field label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" required state={state} />
      <SubmitButton pendingLabel="Saving…">Change password</SubmitButton>
    </form>
  );
}
