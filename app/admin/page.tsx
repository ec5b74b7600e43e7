import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";

export default async function AdminIndex() {
  await requireUser("admin");
  redirect("/admin/users");
}
