# git: a repository, commits, log, grep (threads), diff
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@e GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@e
export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z" HOME=$WORK
mkdir "$WORK/repo" && cd "$WORK/repo" || exit 1
$RUN /usr/bin/git init -q -b main .
for i in 1 2 3; do seq $i 100 > f$i.txt; $RUN /usr/bin/git add f$i.txt; $RUN /usr/bin/git commit -q -m "c$i"; done
$RUN /usr/bin/git log --format='%h %s'
$RUN /usr/bin/git grep -c '^5' -- '*.txt'
$RUN /usr/bin/git diff HEAD~2 --stat
