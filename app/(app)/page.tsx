import { Board } from "@/components/board/Board";

export default function BoardPage() {
  return (
    // data-wall: the wall-screen type scaling in globals.css applies to this page only.
    <div data-wall>
      <h1 className="mb-6 text-3xl font-bold">Deployments</h1>
      <Board />
    </div>
  );
}
