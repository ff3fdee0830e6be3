"""d4-vector-store: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
STORE = "store.py"

BROKEN = {
    "unchanged content is skipped: the hash never compared": (STORE, [(
        "        if self.files().get(path) == digest:\n            return 0\n", "")]),
    "re-indexing a changed file: its old chunks not deleted": (STORE, [(
        "            self.db.execute(\"DELETE FROM chunks WHERE path = ?\", (path,))\n            for chunk, vector",
        "            for chunk, vector")]),
    "a failed re-index leaves the old chunks: they are deleted before embedding": (STORE, [(
        "        chunks = chunk_file(path, text)\n",
        "        with self.db:\n            self.db.execute(\"DELETE FROM chunks WHERE path = ?\", (path,))\n"
        "        chunks = chunk_file(path, text)\n")]),
    "filters are part of the KNN query: applied to the k nearest afterwards": (STORE, [(
        '''        for column, wanted in (("path", path), ("kind", kind)):
            if wanted is not None:
                where.append(f"{column} = ?")
                parameters.append(wanted)
''', ""), (
        "        return [Hit(p, s, e, kd, t, 1.0 - d) for p, s, e, kd, t, d in rows]",
        "        return [Hit(p, s, e, kd, t, 1.0 - d) for p, s, e, kd, t, d in rows\n"
        "                if path in (None, p) and kind in (None, kd)]")]),
    "score is the cosine similarity: the distance returned instead": (STORE, [(
        "        return [Hit(p, s, e, kd, t, 1.0 - d) for p, s, e, kd, t, d in rows]",
        "        return [Hit(p, s, e, kd, t, d) for p, s, e, kd, t, d in rows]")]),
    "a deleted file leaves the index: its hash kept": (STORE, [(
        "            self.db.execute(\"DELETE FROM files WHERE path = ?\", (path,))\n", "")]),
}

CORRECT = {
    "sync: hashes compared up front, the outcome decided before indexing": (STORE, [(
        '''        root = Path(root)
        report = SyncReport()
        known = self.files()
        found = sorted(p.relative_to(root).as_posix() for p in root.glob(pattern) if p.is_file())
        for path in found:
            embedded = self.index_file(path, (root / path).read_text(encoding="utf-8"))
            if path not in known:
                report.added.append(path)
            elif embedded or self.files()[path] != known[path]:
                report.changed.append(path)
            else:
                report.unchanged += 1
            report.embedded += embedded
        for path in sorted(set(known) - set(found)):
            self.remove_file(path)
            report.removed.append(path)
        return report
''', '''        root = Path(root)
        report = SyncReport()
        known = self.files()
        current = {p.relative_to(root).as_posix(): p for p in root.glob(pattern) if p.is_file()}
        for path in sorted(current):
            text = current[path].read_text(encoding="utf-8")
            if known.get(path) == sha256(text):
                report.unchanged += 1
                continue
            report.embedded += self.index_file(path, text)
            (report.changed if path in known else report.added).append(path)
        for path in sorted(known.keys() - current.keys()):
            self.remove_file(path)
            report.removed.append(path)
        return report
''')]),
    "index_file: rows inserted with executemany, vectors serialised by sqlite_vec": (STORE, [(
        '''            for chunk, vector in zip(chunks, vectors if chunks else []):
                self.db.execute("INSERT INTO chunks (embedding, path, kind, start_line, end_line, text) "
                                "VALUES (?, ?, ?, ?, ?, ?)",
                                (vector.tobytes(), chunk.path, chunk.kind, chunk.start_line, chunk.end_line,
                                 chunk.text))
''', '''            import sqlite_vec

            rows = [(sqlite_vec.serialize_float32([float(x) for x in vector]), chunk.path, chunk.kind,
                     chunk.start_line, chunk.end_line, chunk.text)
                    for chunk, vector in zip(chunks, vectors if chunks else [])]
            if rows:
                self.db.executemany("INSERT INTO chunks (embedding, path, kind, start_line, end_line, text) "
                                    "VALUES (?, ?, ?, ?, ?, ?)", rows)
''')]),
}
