"""Run the AGS Python packer (MEMORY/LLM_PACKER/Engine) for the benchmark.

usage: python3 pythonPacker.py <AGS checkout> <packer CLI arguments...>

The packer at a0211904 names four anchors its own checkout no longer has (CONTRACT.md,
INVARIANTS.md and VERSIONING.md of the canon folder under LAW, ENTRYPOINTS.md of the maps folder
under NAVIGATION) and stops with
PACK_P2_MISSING_SOURCE. This wrapper drops the anchors that do not exist, then runs the packer's
own CLI unchanged. Nothing else is altered.
"""
import dataclasses
import os
import sys

root = os.path.abspath(sys.argv[1])
sys.path.insert(0, root)
os.chdir(root)
from MEMORY.LLM_PACKER.Engine.packer import core  # noqa: E402

for key, scope in list(core.SCOPES.items()):
    present = tuple(a for a in scope.anchors if os.path.isfile(os.path.join(root, scope.source_root_rel, a)))
    core.SCOPES[key] = dataclasses.replace(scope, anchors=present)
core.SCOPE_AGS = core.SCOPES[core.SCOPE_AGS.key]

from MEMORY.LLM_PACKER.Engine.packer import cli  # noqa: E402

sys.argv = ["packer", *sys.argv[2:]]
sys.exit(cli.main())
