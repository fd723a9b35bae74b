# Sourced by the install scripts: run_as_root CMD... runs CMD as root, directly when this is root,
# else through sudo without a password, else fails saying why.
run_as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    echo "Cannot run '$*': not root and no sudo" >&2
    return 1
  fi
}
