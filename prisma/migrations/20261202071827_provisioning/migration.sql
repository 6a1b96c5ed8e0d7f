-- CreateTable
CREATE TABLE "provisioned_object" (
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "object_id" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "secret_env" TEXT,
    "applied_at" DATETIME NOT NULL,

    PRIMARY KEY ("kind", "key")
);

-- CreateIndex
CREATE UNIQUE INDEX "provisioned_object_kind_object_id_key" ON "provisioned_object"("kind", "object_id");
