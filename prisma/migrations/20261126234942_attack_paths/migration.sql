-- AlterTable
ALTER TABLE "snapshot" ADD COLUMN     "attack_graph" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "crown_jewel" (
    "snapshot_id" INTEGER NOT NULL,
    "jewel_no" INTEGER NOT NULL,
    "jewel_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "targets" JSONB NOT NULL DEFAULT '[]',
    "target_count" INTEGER NOT NULL,
    "reacher_count" INTEGER NOT NULL,
    "min_steps" INTEGER,
    "min_cost" DOUBLE PRECISION,
    "choke_points" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "crown_jewel_pkey" PRIMARY KEY ("snapshot_id","jewel_no")
);

-- CreateTable
CREATE TABLE "jewel_reacher" (
    "snapshot_id" INTEGER NOT NULL,
    "jewel_no" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "identity_id" TEXT NOT NULL,
    "cost" DOUBLE PRECISION NOT NULL,
    "steps" INTEGER NOT NULL,
    "target" TEXT NOT NULL,
    "edge_nos" INTEGER[],

    CONSTRAINT "jewel_reacher_pkey" PRIMARY KEY ("snapshot_id","jewel_no","position")
);

-- CreateTable
CREATE TABLE "identity_paths" (
    "snapshot_id" INTEGER NOT NULL,
    "identity_id" TEXT NOT NULL,
    "paths" INTEGER[],
    "path_count" INTEGER NOT NULL,
    "jewel_count" INTEGER NOT NULL,
    "namespace_count" INTEGER NOT NULL,
    "namespaces" TEXT[],
    "service_accounts" INTEGER NOT NULL,
    "cloud_identities" INTEGER NOT NULL,

    CONSTRAINT "identity_paths_pkey" PRIMARY KEY ("snapshot_id","identity_id")
);

-- CreateTable
CREATE TABLE "attack_edge" (
    "snapshot_id" INTEGER NOT NULL,
    "edge_no" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "from_node" TEXT NOT NULL,
    "to_node" TEXT NOT NULL,
    "cost" DOUBLE PRECISION NOT NULL,
    "explanation" TEXT NOT NULL,
    "evidence" JSONB NOT NULL DEFAULT '[]',
    "also_via" JSONB NOT NULL DEFAULT '[]',
    "also_via_count" INTEGER NOT NULL DEFAULT 0,
    "check" TEXT,

    CONSTRAINT "attack_edge_pkey" PRIMARY KEY ("snapshot_id","edge_no")
);

-- CreateTable
CREATE TABLE "attack_node" (
    "snapshot_id" INTEGER NOT NULL,
    "node_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "namespace" TEXT,
    "label" TEXT NOT NULL,

    CONSTRAINT "attack_node_pkey" PRIMARY KEY ("snapshot_id","node_id")
);

-- CreateTable
CREATE TABLE "crown_jewel_selector" (
    "id" SERIAL NOT NULL,
    "cluster_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT,
    "name" TEXT,
    "label_selector" TEXT,
    "jewel_name" TEXT,
    "tier" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT,

    CONSTRAINT "crown_jewel_selector_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "crown_jewel_snapshot_id_jewel_id_key" ON "crown_jewel"("snapshot_id", "jewel_id");

-- CreateIndex
CREATE INDEX "identity_paths_snapshot_id_jewel_count_idx" ON "identity_paths"("snapshot_id", "jewel_count" DESC);

-- CreateIndex
CREATE INDEX "crown_jewel_selector_cluster_id_idx" ON "crown_jewel_selector"("cluster_id");

-- AddForeignKey
ALTER TABLE "crown_jewel" ADD CONSTRAINT "crown_jewel_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jewel_reacher" ADD CONSTRAINT "jewel_reacher_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity_paths" ADD CONSTRAINT "identity_paths_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attack_edge" ADD CONSTRAINT "attack_edge_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attack_node" ADD CONSTRAINT "attack_node_snapshot_id_fkey" FOREIGN KEY ("snapshot_id") REFERENCES "snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crown_jewel_selector" ADD CONSTRAINT "crown_jewel_selector_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

