-- AlterTable
ALTER TABLE "snapshot" ADD COLUMN     "stats" JSONB NOT NULL DEFAULT '{}';

