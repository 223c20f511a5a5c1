"""The content model: posts, their front matter, audiences and the publish window."""
