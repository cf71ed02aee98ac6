"""DOCX: the policy and its redline as Word documents, from python-docx and WordprocessingML.

``document`` renders a policy and names the other modules; ``redline`` renders
a diff as tracked changes on the same page, styles and package.
"""
