"""``portavoz review``: what a pull request changes in the social posts, without building."""
