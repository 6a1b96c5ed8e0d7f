import { Board } from "@/components/board/Board";

export default function BoardPage() {
  return (
    // data-wall: the wall-screen type scaling in globals.css applies to this page only.
    // The board draws its own header (title, counts, density switch): they follow its data.
    <div data-wall>
      <Board />
    </div>
  );
}
