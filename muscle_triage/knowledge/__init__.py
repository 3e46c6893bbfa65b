"""The article's facts in the project's own words (article_facts.yml), the words people use for what it names,
and a search over its passages."""
