import { HistoryView } from "@/components/history/HistoryView";

export default function HistoryPage() {
  return <HistoryView />;
}
