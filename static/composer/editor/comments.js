// A team lead's comments on passages of the text: read from the review panel's list, marked in
// the text (marks.js draws them with the findings, below them in rank), shown in the card when
// the pointer or the caret is on them, and reachable from the list: each passage's button puts
// the caret on its words.
import { shiftSpans } from "./offsets.js";

// The comments that still have their words in the text (the server found them), numbered "c0",
// "c1", … so that a mark can name findings and comments together.
export function readComments(list) {
  if (!list) return [];
  return Array.from(list.querySelectorAll("li.review-comment"))
    .filter((li) => li.dataset.start !== undefined && li.dataset.start !== "")
    .map((li, i) => ({
      index: "c" + i,
      li: li,
      field: "body",
      start: parseInt(li.dataset.start, 10),
      end: parseInt(li.dataset.end, 10),
      severity: "comment",
      rule: "comment",
      alive: true,
    }));
}

export function setupComments(ctx) {
  const list = ctx.els.commentList;
  ctx.comments = readComments(list);
  const note = ctx.els.commentNote;
  if (note && ctx.comments.length) {
    // The marks are drawn behind the text box, out of a screen reader's reach: the box says
    // that some of its words carry comments.
    const described = (ctx.els.body.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    ctx.els.body.setAttribute("aria-describedby", [...described, note.id].join(" "));
  }
  if (list) {
    list.addEventListener("click", (event) => {
      const button = event.target.closest(".comment-passage");
      if (!button) return;
      const c = ctx.comments.find((item) => item.li === button.closest("li"));
      if (c && c.alive) ctx.marks.select(c);
    });
  }
  return {
    // The seller typed: the comments move with their words; one whose words changed is no
    // longer marked (the list still shows it).
    onEdit(before, after) {
      for (const c of shiftSpans(ctx.comments, before, after)) {
        if (!c.alive) c.li.classList.add("comment-unmarked");
      }
    },
  };
}
