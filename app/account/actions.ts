"use server";

import { redirect } from "next/navigation";
import { action, currentRequestMeta, currentSession } from "@/lib/auth/guard";
import { changeOwnPassword } from "@/lib/auth/users";
import { changePasswordSchema } from "@/lib/schemas/auth";

/** Change one's own password (also the forced change after a one-time password); other sessions are signed out. */
export const changePasswordAction = action({ role: "viewer", input: changePasswordSchema, allowPendingPasswordChange: true }, async (input, user) => {
  const session = await currentSession();
  await changeOwnPassword(user, input, session?.idHash ?? null, await currentRequestMeta());
  if (user.mustChangePassword) redirect("/");
  return { ok: true, message: "Password changed. Your other sessions were signed out." };
});
