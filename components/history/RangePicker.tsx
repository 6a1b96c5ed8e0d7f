"use client";

import { useState } from "react";
import { RANGES, type RangeId } from "@/lib/domain/time-ranges";
import { formatInputDateTime, parseInputDateTime } from "@/lib/domain/time-format";
import { ToggleButton } from "./ToggleButton";

const INPUT =
  "w-40 rounded border border-slate-400 bg-transparent px-2 py-1 tabular-nums aria-[invalid=true]:border-red-500";

/**
 * A local date and time as text, "2026-11-30 06:39": the browser's datetime-local field shows
 * its locale's clock (AM/PM in en-US), and Edgescope writes 24-hour times everywhere.
 */
function DateTimeField({ label, value, onChange }: { label: string; value: number; onChange: (ms: number) => void }) {
  const [text, setText] = useState(() => formatInputDateTime(value));
  const parsed = parseInputDateTime(text);
  return (
    <input
      aria-label={label}
      value={text}
      placeholder="YYYY-MM-DD HH:MM"
      inputMode="numeric"
      aria-invalid={parsed === null}
      className={INPUT}
      onChange={(e) => {
        setText(e.target.value);
        const ms = parseInputDateTime(e.target.value);
        if (ms !== null) onChange(ms);
      }}
    />
  );
}

/** 1 h … 1 y, or a custom from/to (local time, 24-hour); says so when a time is unreadable or "from" is not before "to". */
export function RangePicker({
  rangeId,
  onPick,
  custom,
  onCustom,
  valid,
}: {
  rangeId: RangeId;
  onPick: (id: RangeId) => void;
  custom: { from: number; to: number };
  onCustom: (c: { from: number; to: number }) => void;
  valid: boolean;
}) {
  const [unreadable, setUnreadable] = useState(false);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toggle-button group (WAI-ARIA pattern), not a form section
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Time range">
      {RANGES.map((r) => (
        <ToggleButton key={r.id} on={rangeId === r.id} onClick={() => onPick(r.id)}>
          {r.label}
        </ToggleButton>
      ))}
      <ToggleButton on={rangeId === "custom"} onClick={() => onPick("custom")}>
        Custom
      </ToggleButton>
      {rangeId === "custom" && (
        // biome-ignore lint/a11y/noStaticElementInteractions: blur bubbles up from the two date fields inside; the span takes no input itself
        <span
          className="flex flex-wrap items-center gap-2 text-sm"
          onBlur={(e) => setUnreadable(parseInputDateTime((e.target as HTMLInputElement).value) === null)}
        >
          <DateTimeField label="From" value={custom.from} onChange={(from) => onCustom({ ...custom, from })} />
          to
          <DateTimeField label="To" value={custom.to} onChange={(to) => onCustom({ ...custom, to })} />
          {unreadable && (
            <span role="alert" className="text-red-500">
              Write times as YYYY-MM-DD HH:MM (24-hour).
            </span>
          )}
          {!valid && (
            <span role="alert" className="text-red-500">
              "From" must be before "to".
            </span>
          )}
        </span>
      )}
    </div>
  );
}
