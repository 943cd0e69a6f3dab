# Types a line and Tab into an interactive zsh, as a person at the prompt would, and prints
# the words the line then holds after the program's name, joined by commas.
#   zsh -f Tests/Install/zsh-complete.zsh FPATH_FOLDER FOLDER LINE
# zsh runs on a pseudo-terminal of its own (zsh/zpty) with compinit and FPATH_FOLDER's
# completion functions first, in FOLDER. A Tab inside LINE completes there too. After the
# Tab the line is wrapped into `words=( … ); print` and run, so what is printed is what the
# completion left on the line, not the terminal's echo of it. The caller limits the time.
zmodload zsh/zpty || exit 3
zpty -b z zsh -f -i
zpty -w z "PS1='> '; fpath=(${(q)1} \$fpath); autoload -U compinit; compinit -u -D; cd ${(q)2}"
zpty -w -n z "$3"$'\t\C-a''words=( '$'\C-e'' ); print -r -- ":${(j:,:)words}:"'$'\n'
zpty -r z out '*:reviewql,*:[[:space:]]*' || exit 4
out=${out##*:reviewql,}
print -r -- "${out%%:*}"
zpty -d z
