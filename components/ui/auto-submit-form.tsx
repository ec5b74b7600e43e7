"use client";

import type { FormHTMLAttributes, ReactNode } from "react";

/**
 * A GET form whose selects and checkboxes apply as soon as they change (text inputs still wait for Enter or the
 * submit button). Without JavaScript it is an ordinary form.
 */
export function AutoSubmitForm({ children, ...props }: FormHTMLAttributes<HTMLFormElement> & { children: ReactNode }) {
  return (
    <form
      method="get"
      {...props}
      onChange={(e) => {
        const t = e.target as unknown as HTMLInputElement | HTMLSelectElement;
        if (t.tagName === "SELECT" || (t.tagName === "INPUT" && (t as HTMLInputElement).type === "checkbox")) e.currentTarget.requestSubmit();
      }}
    >
      {children}
    </form>
  );
}
