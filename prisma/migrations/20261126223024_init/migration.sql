-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "SnapshotStatus" AS ENUM ('collecting', 'complete', 'failed');

-- CreateEnum
CREATE TYPE "SnapshotSource" AS ENUM ('live', 'in_cluster', 'files');

-- CreateEnum
CREATE TYPE "SubjectKind" AS ENUM ('User', 'Group', 'ServiceAccount');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('critical', 'high', 'medium', 'low', 'info');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('critical', 'high', 'medium', 'low', 'info', 'none');

-- CreateEnum
CREATE TYPE "RoleKind" AS ENUM ('Role', 'ClusterRole');

-- CreateEnum
CREATE TYPE "BindingKind" AS ENUM ('RoleBinding', 'ClusterRoleBinding');

-- CreateEnum
CREATE TYPE "WorkloadKind" AS ENUM ('Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController');

-- CreateTable
CREATE TABLE "cluster" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "current_snapshot_id" INTEGER,

    CONSTRAINT "cluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "snapshot" (
    "id" SERIAL NOT NULL,
    "cluster_id" INTEGER NOT NULL,
    "status" "SnapshotStatus" NOT NULL DEFAULT 'collecting',
    "source" "SnapshotSource" NOT NULL,
    "source_detail" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "coverage_gaps" JSONB NOT NULL DEFAULT '[]',
    "counts" JSONB NOT NULL DEFAULT '{}',
    "inventory_extras" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,

    CONSTRAINT "snapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "namespace" (
    "id" BIGSERIAL NOT NULL,
    "snapshot_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "annotations" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "namespace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity" (
    "snapshot_id" INTEGER NOT NULL,
    "identity_id" TEXT NOT NULL,
    "kind" "SubjectKind" NOT NULL,
    "name" TEXT NOT NULL,
    "namespace" TEXT,
    "username" TEXT,
    "groups" TEXT[],
    "built_in" BOOLEAN NOT NULL,
    "exists" BOOLEAN NOT NULL,
    "binding_refs" JSONB NOT NULL DEFAULT '[]',
    "service_account" JSONB,
    "grant_keys" TEXT[],
    "grant_count" INTEGER NOT NULL DEFAULT 0,
    "risk_score" INTEGER NOT NULL DEFAULT 0,
    "risk_level" "RiskLevel" NOT NULL DEFAULT 'none',
    "over_permissive" BOOLEAN NOT NULL DEFAULT false,
    "risk_reasons" TEXT[],
    "finding_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "identity_pkey" PRIMARY KEY ("snapshot_id","identity_id")
);

-- CreateTable
CREATE TABLE "grant_set" (
    "snapshot_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "grants" JSONB NOT NULL,
    "grant_count" INTEGER NOT NULL,

    CONSTRAINT "grant_set_pkey" PRIMARY KEY ("snapshot_id","key")
);

-- CreateTable
CREATE TABLE "role" (
    "id" BIGSERIAL NOT NULL,
    "snapshot_id" INTEGER NOT NULL,
    "kind" "RoleKind" NOT NULL,
    "name" TEXT NOT NULL,
    "namespace" TEXT,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "annotations" JSONB NOT NULL DEFAULT '{}',
    "rules" JSONB NOT NULL,
    "aggregation_selectors" JSONB,

    CONSTRAINT "role_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "binding" (
    "id" BIGSERIAL NOT NULL,
    "snapshot_id" INTEGER NOT NULL,
    "kind" "BindingKind" NOT NULL,
    "name" TEXT NOT NULL,
    "namespace" TEXT,
    "role_kind" "RoleKind" NOT NULL,
    "role_name" TEXT NOT NULL,
    "subjects" JSONB NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "annotations" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "binding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workload" (
    "id" BIGSERIAL NOT NULL,
    "snapshot_id" INTEGER NOT NULL,
    "kind" "WorkloadKind" NOT NULL,
    "name" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "service_account" TEXT NOT NULL,
    "node_name" TEXT,
    "owner" JSONB,
    "security" JSONB NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "annotations" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "workload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "secret_meta" (
    "id" BIGSERIAL NOT NULL,
    "snapshot_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "type" TEXT,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "annotations" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "secret_meta_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "node" (
    "id" BIGSERIAL NOT NULL,
    "snapshot_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "annotations" JSONB NOT NULL DEFAULT '{}',
    "taints" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "node_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "finding" (
    "id" BIGSERIAL NOT NULL,
    "snapshot_id" INTEGER NOT NULL,
    "rule_id" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "identity_id" TEXT,
    "object_kind" TEXT,
    "object_name" TEXT,
    "object_namespace" TEXT,
    "namespace" TEXT,
    "message" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "by_design" BOOLEAN NOT NULL,

    CONSTRAINT "finding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "cluster_name_key" ON "cluster"("name");

-- CreateIndex
CREATE UNIQUE INDEX "cluster_current_snapshot_id_key" ON "cluster"("current_snapshot_id");

-- CreateIndex
CREATE INDEX "snapshot_cluster_id_started_at_idx" ON "snapshot"("cluster_id", "started_at" DESC);

-- CreateIndex
CREATE INDEX "snapshot_cluster_id_status_idx" ON "snapshot"("cluster_id", "status");

-- CreateIndex
CREATE INDEX "namespace_snapshot_id_name_idx" ON "namespace"("snapshot_id", "name");

-- CreateIndex
CREATE INDEX "identity_snapshot_id_kind_idx" ON "identity"("snapshot_id", "kind");

-- CreateIndex
CREATE INDEX "identity_snapshot_id_namespace_idx" ON "identity"("snapshot_id", "namespace");

-- CreateIndex
CREATE INDEX "identity_snapshot_id_risk_level_idx" ON "identity"("snapshot_id", "risk_level");

-- CreateIndex
CREATE INDEX "identity_snapshot_id_risk_score_idx" ON "identity"("snapshot_id", "risk_score" DESC);

-- CreateIndex
CREATE INDEX "identity_snapshot_id_built_in_idx" ON "identity"("snapshot_id", "built_in");

-- CreateIndex
CREATE INDEX "role_snapshot_id_kind_namespace_name_idx" ON "role"("snapshot_id", "kind", "namespace", "name");

-- CreateIndex
CREATE INDEX "role_snapshot_id_name_idx" ON "role"("snapshot_id", "name");

-- CreateIndex
CREATE INDEX "binding_snapshot_id_kind_namespace_name_idx" ON "binding"("snapshot_id", "kind", "namespace", "name");

-- CreateIndex
CREATE INDEX "binding_snapshot_id_role_kind_role_name_idx" ON "binding"("snapshot_id", "role_kind", "role_name");

-- CreateIndex
CREATE INDEX "workload_snapshot_id_namespace_service_account_idx" ON "workload"("snapshot_id", "namespace", "service_account");

-- CreateIndex
CREATE INDEX "workload_snapshot_id_kind_idx" ON "workload"("snapshot_id", "kind");

-- CreateIndex
CREATE INDEX "secret_meta_snapshot_id_namespace_name_idx" ON "secret_meta"("snapshot_id", "namespace", "name");

-- CreateIndex
CREATE INDEX "node_snapshot_id_name_idx" ON "node"("snapshot_id", "name");

-- CreateIndex
CREATE INDEX "finding_snapshot_id_rule_id_identity_id_idx" ON "finding"("snapshot_id", "rule_id", "identity_id");

-- CreateIndex
CREATE INDEX "finding_snapshot_id_identity_id_idx" ON "finding"("snapshot_id", "identity_id");

-- CreateIndex
CREATE INDEX "finding_snapshot_id_severity_idx" ON "finding"("snapshot_id", "severity");

-- CreateIndex
CREATE INDEX "finding_snapshot_id_namespace_idx" ON "finding"("snapshot_id", "namespace");

-- AddForeignKey
ALTER TABLE "cluster" ADD CONSTRAINT "cluster_current_snapshot_id_fkey" FOREIGN KEY ("current_snapshot_id") REFERENCES "snapshot"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshot" ADD CONSTRAINT "snapshot_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "namespace" ADD CONSTRAINT "namespace_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity" ADD CONSTRAINT "identity_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grant_set" ADD CONSTRAINT "grant_set_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role" ADD CONSTRAINT "role_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "binding" ADD CONSTRAINT "binding_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workload" ADD CONSTRAINT "workload_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "secret_meta" ADD CONSTRAINT "secret_meta_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "node" ADD CONSTRAINT "node_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "finding" ADD CONSTRAINT "finding_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

