#!/bin/sh
# Keys arrive as files (compose `secrets:`, mounted under /run/secrets), never as values in compose.yaml or in
# `docker inspect`. For each NAME_FILE that is set, export NAME with the file's contents, then run the command.
set -eu
for name in ANTHROPIC_API_KEY OPENAI_API_KEY; do
    eval "path=\${${name}_FILE:-}"
    if [ -n "$path" ]; then
        if [ ! -s "$path" ]; then
            echo "entrypoint: ${name}_FILE is $path, which is missing or empty" >&2
            exit 1
        fi
        export "$name=$(cat "$path")"
        unset "${name}_FILE"
    fi
done
exec "$@"
