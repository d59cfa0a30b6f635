// 花名册: the month's payment roster per street and for the district. Built in issue 17 (the roster).
export function RosterScreen() {
  return (
    <section className="screen" aria-labelledby="roster-title">
      <h1 id="roster-title">花名册</h1>
    </section>
  );
}
