# Shared by the bench scripts (sourced, not run).

# scratch_repo DIR: a new repository in DIR with branch main, a bench identity, no signing, and one commit
scratch_repo() {
  local repo=$1
  git init -q -b main "$repo"
  git -C "$repo" config user.name bench
  git -C "$repo" config user.email bench@example.com
  git -C "$repo" config commit.gpgsign false
  echo "# bench" >"$repo/README.md"
  git -C "$repo" add README.md
  git -C "$repo" commit -q -m "initial commit"
}
