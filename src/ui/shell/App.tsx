/** Placeholder app shell; the foundation issue replaces it. */
export default function App() {
  return <div>Waymark</div>;
}
