/** A navigation target whose feature has not been built yet; says so plainly instead of pretending. */
export function PlannedScreen({ title, description }: { title: string; description: string }) {
  return (
    <section className="screen">
      <h1 className="screen-title">{title}</h1>
      <div className="planned">
        <p>{description}</p>
        <p className="muted">此功能尚在开发中，当前版本暂不可用。</p>
      </div>
    </section>
  );
}
