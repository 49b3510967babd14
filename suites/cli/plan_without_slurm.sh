#!/usr/bin/env bash
# fpconform plan's scripts run without Slurm: each shard.sbatch as an array task would run it
# (SLURM_ARRAY_TASK_ID set), one of them twice (the second time it must not redo the shard), then
# merge.sbatch; the merged runs must be the single-process run's, field for field.
#   plan_without_slurm.sh FPCONFORM SAME_RESULTS_PY WORKDIR
set -euo pipefail
fpconform=$(realpath "$1") same=$(realpath "$2") dir=$(realpath -m "$3")
rm -rf "$dir"
args=(--backend bitfield,f16c --op f32_to_f16 --rounding rne --inputs exhaustive --seed 11)
"$fpconform" plan --dir "$dir/plan" --shards 4 --cpus-per-task 2 -- "${args[@]}"
cd "$dir/plan"
for i in 0 1 2 3 2; do SLURM_ARRAY_TASK_ID=$i SLURM_JOB_ID=$((100 + i)) bash shard.sbatch > "logs/shard_$i.out"; done
grep -q "shard 2/4: done before" logs/shard_2.out
[ ! -e shards/part_2.json.partial.102 ]
status=0
bash merge.sbatch > logs/merge.out || status=$?
[ "$status" -eq 1 ] || { echo "merge: expected exit 1 (bitfield deviates), got $status"; cat logs/merge.out; exit 1; }
[ "$(cat merge.status)" = 1 ]
status=0
"$fpconform" check "${args[@]}" --json "$dir/single.json" > /dev/null || status=$?
[ "$status" -eq 1 ]
python3 "$same" "$dir/single.json" merged.json
# A missing shard is named at merge.
rm shards/part_3.json
if bash merge.sbatch > logs/merge_missing.out 2>&1; then echo "merge passed without shard 3"; exit 1; fi
grep -E "shard.*3/4|3/4.*missing|missing.*3" logs/merge_missing.out
echo "plan without Slurm: OK"
