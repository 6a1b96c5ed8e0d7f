"use client";

import { useState } from "react";
import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { EVIDENCE_KINDS, type EvidenceKind } from "@/lib/domain/findings";
import type { AttachedEvidence } from "@/lib/domain/troubleshoot-session";
import { FindingList } from "./FindingList";
import { kindFromName, useAnalyzeMutation } from "./useAnalyzeMutation";

const LABELS: Record<EvidenceKind, string> = { "cms-log": "CMS event log", "webrtc-internals": "webrtc-internals dump", har: "HAR file", pcap: "Packet capture" };

/** Drop or pick a file; it is analyzed on the server and kept only in this page's session. */
export function EvidencePanel({ joinUrl, evidence, onAttach }: { joinUrl?: string; evidence: AttachedEvidence[]; onAttach: (e: AttachedEvidence) => void }) {
  const analyze = useAnalyzeMutation();
  const [kind, setKind] = useState<EvidenceKind | "auto">("auto");
  const [dragging, setDragging] = useState(false);

  const send = (file: File | undefined) => {
    if (!file) return;
    analyze.mutate({ kind: kind === "auto" ? kindFromName(file.name) : kind, file, joinUrl }, { onSuccess: (analysis) => onAttach({ fileName: file.name, analysis }) });
  };

  return (
    <Card title="Evidence">
      <div
        onDragOver={(e) => (e.preventDefault(), setDragging(true))}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => (e.preventDefault(), setDragging(false), send(e.dataTransfer.files[0]))}
        className={`rounded-lg border-2 border-dashed p-6 text-center ${dragging ? "border-sky-500 bg-sky-500/10" : "border-slate-400"}`}
      >
        <p className="mb-3">Drop a CMS event log, webrtc-internals dump, HAR or packet capture here, or pick one.</p>
        <div className="flex flex-wrap items-center justify-center gap-3">
          <select aria-label="Evidence kind" value={kind} onChange={(e) => setKind(e.target.value as EvidenceKind | "auto")} className="rounded border border-slate-400 bg-transparent px-2 py-1">
            <option value="auto">Kind: from the file name</option>
            {EVIDENCE_KINDS.map((k) => <option key={k} value={k}>{LABELS[k]}</option>)}
          </select>
          <input type="file" aria-label="Evidence file" onChange={(e) => (send(e.target.files?.[0]), (e.target.value = ""))} />
        </div>
        {analyze.isPending && <p className="mt-3 text-sm">Analyzing…</p>}
      </div>
      {analyze.error && <div className="mt-3"><ErrorBanner title="This file could not be analyzed" error={analyze.error} hint="Pick the right kind, or export the file again as the step describes." /></div>}
      <div className="mt-4 space-y-6">
        {evidence.map((e, i) => (
          <div key={i} data-testid="evidence-item">
            <h3 className="font-semibold">{e.fileName} <span className="text-sm font-normal text-slate-500">· {LABELS[e.analysis.kind]}</span></h3>
            <p className="mb-2 text-sm text-slate-500">{e.analysis.summary}</p>
            <FindingList findings={e.analysis.findings} />
            {e.analysis.notes.length > 0 && <p className="mt-1 text-xs text-amber-500">{e.analysis.notes.join(" · ")}</p>}
          </div>
        ))}
      </div>
    </Card>
  );
}
