-- AlterTable
ALTER TABLE "grant_set" DROP COLUMN "grants",
ADD COLUMN     "entries" JSONB NOT NULL,
ADD COLUMN     "via" JSONB NOT NULL;

-- CreateTable
CREATE TABLE "role_rules" (
    "snapshot_id" INTEGER NOT NULL,
    "role_key" TEXT NOT NULL,
    "rules" JSONB NOT NULL,

    CONSTRAINT "role_rules_pkey" PRIMARY KEY ("snapshot_id","role_key")
);

-- AddForeignKey
ALTER TABLE "role_rules" ADD CONSTRAINT "role_rules_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

