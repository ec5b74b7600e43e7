"use client";

import { useActionState } from "react";
import { Field, FormMessage, SubmitButton } from "@/app/admin/_ui/form-controls";
import { signInAction } from "./actions";

export function LoginForm({ next, defaultEmail }: { next: string; defaultEmail?: string }) {
  const [state, formAction] = useActionState(signInAction, undefined);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <FormMessage state={state} />
      <Field label="Email" name="email" type="email" autoComplete="username" required defaultValue={defaultEmail} state={state} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required state={state} />
      <div className="pt-2">
        <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
      </div>
    </form>
  );
}
