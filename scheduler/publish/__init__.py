"""``portavoz publish``: the reviewed variants posted to each configured account, exactly once.

One module per network adapter (:mod:`.mastodon`, :mod:`.bluesky`, …) behind
:class:`~portavoz.scheduler.publish.client.Adapter`; the ledger in :mod:`.ledger`; the fault
policy in :mod:`.faults`; one run in :mod:`.run`.
"""
