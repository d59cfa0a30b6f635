// The red flags of a case on the agenda and among the candidates: 近亲属备案 and 投诉举报.
export function Flags({ closeRelative, complaint }: { closeRelative: boolean; complaint: boolean }) {
  return (
    <span className="flags">
      {closeRelative && <span className="flag">近亲属备案</span>}
      {complaint && <span className="flag">投诉举报</span>}
    </span>
  );
}
