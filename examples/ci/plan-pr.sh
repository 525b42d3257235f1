#!/usr/bin/env bash
# Plans the provision specs a pull request changes, against the base branch's version of each, and
# posts the Markdown plans as one pull-request comment that is updated on every push (several
# comments, "part i/n", when the plans are longer than one comment may be). Exits 1 when a spec does
# not plan, or when a change is graded data-loss or irreversible and the allow label is not set.
#
# Run from the pull request's checkout (full history). Environment, as GitHub Actions gives it:
#   BASE_SHA                the base commit (github.event.pull_request.base.sha); required
#   PR_NUMBER               the pull request; without it the comments are printed, not posted
#   GITHUB_API_URL          default https://api.github.com
#   GITHUB_REPOSITORY       owner/name
#   GITHUB_TOKEN            needs pull-requests: write and issues: write; never printed
#   ALLOW_RISK              "true" when the pull request carries the allow label
#   PROVISION_ALLOW_LABEL   the label's name, for messages (default provision:allow-risk)
#   PROVISION               the command that runs provision (default ./provision)
#   PROVISION_SPECS         where specs live: git pathspecs, space-separated (default specs)
#   PROVISION_COMMENT       "false" prints the comments instead of posting them (forks)
#   PROVISION_COMMENT_LIMIT the largest comment, in bytes (default 65000; GitHub takes 65,536)
#
# A spec is planned when it changed, or when a file it reads changed: its extends: chain and the
# ${file:} references in any file of that chain. A spec is a .yaml/.yml file under PROVISION_SPECS
# with a top-level deployment: or extends: key. The base version is checked out as a git worktree,
# so relative extends: and ${file:} resolve as they did on the base branch.
set -euo pipefail

: "${BASE_SHA:?BASE_SHA must name the base commit}"
api_url=${GITHUB_API_URL:-https://api.github.com}
label=${PROVISION_ALLOW_LABEL:-provision:allow-risk}
limit=${PROVISION_COMMENT_LIMIT:-65000}
read -r -a provision <<<"${PROVISION:-./provision}"
read -r -a spec_paths <<<"${PROVISION_SPECS:-specs}"
marker='<!-- provision-plan'

cd "$(git rev-parse --show-toplevel)"
work=$(mktemp -d)
base_tree="$work/base"
cleanup() {
  git worktree remove --force "$base_tree" >/dev/null 2>&1 || true
  rm -rf "$work"
  git worktree prune
}
trap cleanup EXIT
git worktree add --quiet --detach "$base_tree" "$BASE_SHA"
base_short=$(git rev-parse --short "$BASE_SHA")
head_short=$(git rev-parse --short HEAD)

# --- which specs ---------------------------------------------------------------------------------
is_spec() { [[ $1 == *.yaml || $1 == *.yml ]] && grep -Eqs '^(deployment|extends):' "$1"; }

# The files a spec reads, repo-relative: its extends: chain and every ${file:} reference in it.
reads() {
  local file=$1 depth=${2:-0} dir ref
  [ "$depth" -lt 16 ] && [ -f "$file" ] || return 0
  dir=$(dirname "$file")
  grep -o '\${file:[^}]*}' "$file" | sed 's/^\${file:\(.*\)}$/\1/' | while read -r ref; do
    realpath -m --relative-to=. "$dir/$ref"
  done || true
  ref=$(sed -n 's/^extends:[[:space:]]*["'\'']\{0,1\}\([^"'\''#]*\).*/\1/p' "$file" | sed 's/[[:space:]]*$//')
  if [ -n "$ref" ]; then
    ref=$(realpath -m --relative-to=. "$dir/$ref")
    echo "$ref"
    reads "$ref" $((depth + 1))
  fi
}

mapfile -t changed < <(git diff --name-only --no-renames "$BASE_SHA"...HEAD)
# (grep without -q reads all its input: an early exit would fail the pipe under pipefail)
affected() { { echo "$1"; reads "$1"; } | grep -xF -f <(printf '%s\n' "${changed[@]}") >/dev/null; }
specs=()
while IFS= read -r file; do
  is_spec "$file" && affected "$file" && specs+=("$file")
done < <(git ls-files -- "${spec_paths[@]}")
removed=()
for file in "${changed[@]}"; do
  [ ! -e "$file" ] && (cd "$base_tree" && is_spec "$file") && removed+=("$file")
done

# --- plan each one -------------------------------------------------------------------------------
mkdir "$work/sections"
risky=() failed=()
n=0
for spec in "${specs[@]}"; do
  against=empty
  [ -f "$base_tree/$spec" ] && against="$base_tree/$spec"
  n=$((n + 1)) rc=0
  out=$(printf '%s/%04d' "$work/sections" "$n")
  "${provision[@]}" plan "$spec" --against "$against" --format markdown --out "$work/plan.json" \
    >"$out.md" 2>"$work/plan.err" || rc=$?
  if [ "$rc" -ne 0 ]; then
    failed+=("$spec")
    { printf '## `%s`: no plan\n\n```text\n' "$spec"; cat "$work/plan.err"; printf '```\n'; } >"$out.md"
  else
    mapfile -t -O "${#risky[@]}" risky < <(jq -r --arg spec "$spec" \
      '.changes[] | select(.risk == "data-loss" or .risk == "irreversible")
       | "\($spec): \(.address) (\(.risk))"' "$work/plan.json")
  fi
  # The base worktree's path would change on every run; name the base commit instead.
  sed -i "s|$base_tree/|$base_short:|g" "$out.md"
  # The CLI separates its own parts with this line; each part becomes a section of its own.
  awk -v out="$out" '/^<!-- provision: next part -->$/ { p++; next } { print > (out "." p) }' "$out.md"
  rm "$out.md"
done
for spec in "${removed[@]}"; do
  n=$((n + 1))
  printf '## `%s` was removed\n\nprovision destroys nothing by itself: run `provision destroy` with the old spec if the deployment should go.\n' \
    "$spec" >"$(printf '%s/%04d.0' "$work/sections" "$n")"
done

# --- the verdict ---------------------------------------------------------------------------------
status=0
verdict="${#specs[@]} spec(s) planned, ${#removed[@]} removed: base \`$base_short\` -> \`$head_short\`."
if [ ${#failed[@]} -gt 0 ]; then
  status=1
  verdict+=$'\n\n> [!WARNING]\n> **The check fails:** '"${#failed[@]} spec(s) could not be planned."
fi
if [ ${#risky[@]} -gt 0 ]; then
  if [ "${ALLOW_RISK:-false}" = true ]; then
    verdict+=$'\n\n> [!NOTE]\n> '"${#risky[@]} change(s) lose data or cannot be undone; accepted by the label \`$label\`."
  else
    status=1
    verdict+=$'\n\n> [!CAUTION]\n> **The check fails:** '"${#risky[@]} change(s) lose data or cannot be undone. Add the label \`$label\` to accept them."
  fi
fi
if [ ${#specs[@]} -eq 0 ] && [ ${#removed[@]} -eq 0 ]; then verdict="No provision spec changed."; fi

# --- pack sections into comments -----------------------------------------------------------------
mkdir "$work/comments"
room=$((limit - ${#verdict} - 200))
bodies=() size=0
for file in "$work"/sections/*; do
  [ -e "$file" ] || continue
  bytes=$(wc -c <"$file")
  if [ ${#bodies[@]} -eq 0 ] || [ $((size + bytes + 2)) -gt "$room" ]; then
    bodies+=("$work/comments/$(printf '%04d' $((${#bodies[@]} + 1)))") size=0
  fi
  { cat "$file"; echo; } >>"${bodies[-1]}"
  size=$((size + bytes + 2))
done
[ ${#bodies[@]} -gt 0 ] || { : >"$work/comments/0001"; bodies=("$work/comments/0001"); }
total=${#bodies[@]}
for i in "${!bodies[@]}"; do
  file=${bodies[$i]}
  if [ "$total" -eq 1 ]; then head="$marker -->"$'\n'"# provision plan"
  else head="$marker part $((i + 1))/$total -->"$'\n'"# provision plan (part $((i + 1)) of $total)"; fi
  { printf '%s\n\n%s\n\n' "$head" "$verdict"; cat "$file"; } >"$file.md"
done
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "${bodies[@]/%/.md}" >>"$GITHUB_STEP_SUMMARY"; fi

# --- post: update the existing comments in order, add or delete the difference ------------------
api() { # METHOD PATH [BODY_FILE]; the token goes to curl on stdin, never on its command line
  local args=(-sS --fail-with-body -X "$1" -H 'Accept: application/vnd.github+json')
  [ $# -lt 3 ] || args+=(-H 'Content-Type: application/json' --data-binary "@$3")
  printf 'header = "Authorization: Bearer %s"\n' "${GITHUB_TOKEN:?GITHUB_TOKEN is needed to comment}" |
    curl "${args[@]}" -K - "$api_url$2"
}
if [ -z "${PR_NUMBER:-}" ] || [ "${PROVISION_COMMENT:-true}" = false ]; then
  cat "${bodies[@]/%/.md}"
else
  repo="/repos/${GITHUB_REPOSITORY:?GITHUB_REPOSITORY must be owner/name}"
  existing=() page=1
  while :; do
    api GET "$repo/issues/$PR_NUMBER/comments?per_page=100&page=$page" >"$work/page.json"
    mapfile -t -O "${#existing[@]}" existing < <(jq -r --arg m "$marker" \
      '.[] | select(.body | startswith($m)) | .id' "$work/page.json")
    [ "$(jq length "$work/page.json")" -eq 100 ] || break
    page=$((page + 1))
  done
  if [ ${#specs[@]} -eq 0 ] && [ ${#removed[@]} -eq 0 ] && [ ${#existing[@]} -eq 0 ]; then
    echo "plan-pr: no provision spec changed; nothing to post"
    exit 0
  fi
  for i in "${!bodies[@]}"; do
    jq -Rs '{body: .}' <"${bodies[$i]}.md" >"$work/request.json"
    if [ "$i" -lt ${#existing[@]} ]; then
      api PATCH "$repo/issues/comments/${existing[$i]}" "$work/request.json" >/dev/null
    else
      api POST "$repo/issues/$PR_NUMBER/comments" "$work/request.json" >/dev/null
    fi
  done
  for id in "${existing[@]:$total}"; do api DELETE "$repo/issues/comments/$id" >/dev/null; done
  echo "plan-pr: posted the plan in $total comment(s)"
fi

for line in "${failed[@]}"; do echo "plan-pr: $line: the plan failed (its errors are in the comment)" >&2; done
for line in "${risky[@]}"; do echo "plan-pr: $line" >&2; done
[ "$status" -eq 0 ] || [ ${#risky[@]} -eq 0 ] || [ "${ALLOW_RISK:-false}" = true ] ||
  echo "plan-pr: the check fails; add the label $label to accept these changes" >&2
exit "$status"
