"use client";

import { useEffect, useState } from "react";
import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { EVIDENCE_KINDS, type AnalysisResult, type EvidenceKind } from "@/lib/domain/findings";
import { verbatimQuotes, type AttachedEvidence } from "@/lib/domain/troubleshoot-session";
import { FindingList } from "./FindingList";
import { fileLines, kindFromName } from "./evidence-file";
import { useAnalyzeMutation, type AnalyzeProgress } from "./useAnalyzeMutation";

const LABELS: Record<EvidenceKind, string> = {
  "cms-log": "CMS event log",
  "webrtc-internals": "webrtc-internals dump",
  har: "HAR file",
  pcap: "Packet capture",
};
const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;

function Progress({ p }: { p: NonNullable<AnalyzeProgress> }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  if (p.phase === "upload") {
    const share = p.total ? p.sent / p.total : 0;
    return (
      <div className="mt-3" data-testid="upload-progress">
        <p className="text-sm">
          Uploading: {Math.round(share * 100)} % ({mb(p.sent)} of {mb(p.total)})
        </p>
        <progress className="w-full" value={p.sent} max={p.total || 1} />
      </div>
    );
  }
  return (
    <p className="mt-3 text-sm" data-testid="upload-progress">
      Uploaded; analysing on the server… {Math.round((now - p.since) / 1000)} s
    </p>
  );
}

/** Drop or pick a file: analysed on the server, kept only in this page's case, removable. */
export function EvidencePanel({
  joinUrl,
  evidence,
  onAttach,
  onRemove,
}: {
  joinUrl?: string;
  evidence: AttachedEvidence[];
  onAttach: (e: AttachedEvidence) => void;
  onRemove: (id: string) => void;
}) {
  const analyze = useAnalyzeMutation();
  const [kind, setKind] = useState<EvidenceKind | "auto">("auto");
  const [dragging, setDragging] = useState(false);

  const send = (file: File | undefined) => {
    if (!file) return;
    analyze.mutate(
      { kind: kind === "auto" ? kindFromName(file.name) : kind, file, joinUrl },
      {
        onSuccess: async (raw) => {
          // Quote log lines exactly as the file has them.
          const analysis: AnalysisResult =
            raw.kind === "cms-log" ? verbatimQuotes(raw, await fileLines(file).catch(() => [])) : raw;
          onAttach({
            id: `${Date.now()}-${Math.random().toString(36).slice(2)}`,
            fileName: file.name,
            bytes: file.size,
            attachedAt: new Date().toISOString(),
            analysis,
          });
        },
      },
    );
  };

  return (
    <Card title="Evidence">
      <section
        aria-label="Drop evidence here"
        onDragOver={(e) => (e.preventDefault(), setDragging(true))}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => (e.preventDefault(), setDragging(false), send(e.dataTransfer.files[0]))}
        className={`rounded-lg border-2 border-dashed p-6 text-center ${dragging ? "border-sky-500 bg-sky-500/10" : "border-slate-400"}`}
      >
        <p className="mb-3">Drop a CMS event log, webrtc-internals dump, HAR or packet capture here, or pick one.</p>
        <div className="flex flex-wrap items-center justify-center gap-3">
          <select
            aria-label="Evidence kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as EvidenceKind | "auto")}
            className="rounded border border-slate-400 bg-transparent px-2 py-1"
          >
            <option value="auto">Kind: from the file name</option>
            {EVIDENCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {LABELS[k]}
              </option>
            ))}
          </select>
          <input
            type="file"
            aria-label="Evidence file"
            disabled={analyze.isPending}
            onChange={(e) => (send(e.target.files?.[0]), (e.target.value = ""))}
          />
        </div>
        {analyze.progress && <Progress p={analyze.progress} />}
      </section>
      {analyze.error && (
        <div className="mt-3">
          <ErrorBanner
            title="This file could not be analyzed"
            error={analyze.error}
            hint="Pick the right kind, or export the file again as the step describes."
          />
        </div>
      )}
      <div className="mt-4 space-y-6">
        {evidence.map((e) => (
          <div key={e.id} data-testid="evidence-item">
            <div className="flex flex-wrap items-baseline gap-3">
              <h3 className="font-semibold">
                {e.fileName}{" "}
                <span className="text-sm font-normal text-slate-500">
                  · {LABELS[e.analysis.kind]} · {e.bytes} bytes
                </span>
              </h3>
              <button
                type="button"
                onClick={() => onRemove(e.id)}
                className="ml-auto rounded border border-slate-400 px-2 py-0.5 text-sm"
                aria-label={`Remove ${e.fileName}`}
              >
                Remove
              </button>
            </div>
            <p className="mb-2 text-sm text-slate-500">{e.analysis.summary}</p>
            <FindingList findings={e.analysis.findings} />
            {e.analysis.notes.length > 0 && (
              <p className="mt-1 text-xs text-amber-500">{e.analysis.notes.join(" · ")}</p>
            )}
          </div>
        ))}
      </div>
    </Card>
  );
}
