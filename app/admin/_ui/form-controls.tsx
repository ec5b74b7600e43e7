"use client";

import { useFormStatus } from "react-dom";
import type { ActionResult } from "@/lib/auth/guard";

/** Small accessible form building blocks shared by the sign-in, account and admin pages. */

export function fieldErrorsOf(state: ActionResult | undefined, name: string): string[] {
  return state && !state.ok ? (state.fieldErrors?.[name] ?? []) : [];
}

export function Field({
  label,
  name,
  type = "text",
  state,
  hint,
  ...rest
}: {
  label: string;
  name: string;
  type?: string;
  state?: ActionResult;
  hint?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "type">) {
  const errors = fieldErrorsOf(state, name);
  const id = `field-${name}`;
  const echoed = state && !state.ok ? state.values?.[name] : undefined;
  const describedBy = [hint ? `${id}-hint` : null, errors.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        key={echoed === undefined ? undefined : `${name}:${echoed}`}
        id={id}
        name={name}
        type={type}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-red-500"
        {...rest}
        {...(echoed !== undefined ? { defaultValue: echoed } : {})}
      />
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors.length ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {errors.join("; ")}
        </p>
      ) : null}
    </div>
  );
}

export function SelectField({ label, name, options, state, defaultValue }: { label: string; name: string; options: { value: string; label: string }[]; state?: ActionResult; defaultValue?: string }) {
  const errors = fieldErrorsOf(state, name);
  const echoed = state && !state.ok ? state.values?.[name] : undefined;
  const id = `field-${name}`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={id}
        name={name}
        key={echoed}
        defaultValue={echoed ?? defaultValue}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errors.length ? `${id}-error` : undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {errors.length ? (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {errors.join("; ")}
        </p>
      ) : null}
    </div>
  );
}

export function SubmitButton({ children, variant = "primary", pendingLabel }: { children: React.ReactNode; variant?: "primary" | "danger" | "secondary"; pendingLabel?: string }) {
  const { pending } = useFormStatus();
  const styles = {
    primary: "bg-indigo-600 text-white hover:bg-indigo-500 focus-visible:outline-indigo-600",
    danger: "bg-red-600 text-white hover:bg-red-500 focus-visible:outline-red-600",
    secondary: "bg-white text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-slate-600",
  }[variant];
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={`inline-flex items-center justify-center rounded-md px-3 py-2 text-sm font-semibold shadow-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60 ${styles}`}
    >
      {pending ? (pendingLabel ?? "Working…") : children}
    </button>
  );
}

/** The result of the last submission: an error (role=alert) or a success note (role=status). */
export function FormMessage({ state }: { state: ActionResult | undefined }) {
  if (!state) return null;
  if (!state.ok)
    return (
      <div role="alert" data-testid="form-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        {state.error}
      </div>
    );
  return state.message ? (
    <div role="status" data-testid="form-success" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
      {state.message}
    </div>
  ) : null;
}

/** A secret shown exactly once (API token, one-time password), with a copy button. */
export function OneTimeSecret({ label, value }: { label: string; value: string }) {
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      <p className="font-medium">{label}</p>
      <p className="mt-1 text-xs">Copy it now: it is not stored and will not be shown again.</p>
      <div className="mt-2 flex items-center gap-2">
        <code data-testid="one-time-secret" className="block flex-1 overflow-x-auto rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-amber-200">
          {value}
        </code>
        <button type="button" className="rounded-md bg-white px-2 py-1 text-xs font-medium ring-1 ring-amber-300 hover:bg-amber-100" onClick={() => void navigator.clipboard?.writeText(value)}>
          Copy
        </button>
      </div>
    </div>
  );
}
