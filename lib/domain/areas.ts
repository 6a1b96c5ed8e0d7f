// The areas a NOC tile shows: the same list the checks use, so sources and checks of one area
// land in one row (pure data).
import { CHECK_AREAS, CHECK_AREA_LABELS, type CheckArea } from "./checks";

export type AreaId = CheckArea;
export const AREAS: readonly { id: AreaId; label: string }[] = CHECK_AREAS.map((id) => ({
  id,
  label: CHECK_AREA_LABELS[id],
}));
