"use client";

import { RANGES, type RangeId } from "@/lib/domain/time-ranges";
import { ToggleButton } from "./ToggleButton";

const toLocalInput = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const INPUT = "rounded border border-slate-400 bg-transparent px-2 py-1";

/** 1 h … 1 y, or a custom from/to (local time); says so when "from" is not before "to". */
export function RangePicker({ rangeId, onPick, custom, onCustom, valid }: {
  rangeId: RangeId;
  onPick: (id: RangeId) => void;
  custom: { from: number; to: number };
  onCustom: (c: { from: number; to: number }) => void;
  valid: boolean;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Time range">
      {RANGES.map((r) => <ToggleButton key={r.id} on={rangeId === r.id} onClick={() => onPick(r.id)}>{r.label}</ToggleButton>)}
      <ToggleButton on={rangeId === "custom"} onClick={() => onPick("custom")}>Custom</ToggleButton>
      {rangeId === "custom" && (
        <span className="flex flex-wrap items-center gap-2 text-sm">
          <input type="datetime-local" aria-label="From" value={toLocalInput(custom.from)} onChange={(e) => onCustom({ ...custom, from: new Date(e.target.value).getTime() })} className={INPUT} />
          to
          <input type="datetime-local" aria-label="To" value={toLocalInput(custom.to)} onChange={(e) => onCustom({ ...custom, to: new Date(e.target.value).getTime() })} className={INPUT} />
          {!valid && <span role="alert" className="text-red-500">"From" must be before "to".</span>}
        </span>
      )}
    </div>
  );
}
