{{! The search index of one language (the tables of src/match.h), as a
    script: opened from disk, a page cannot fetch() a JSON file. }}
window.codedocIndex = {"lang": "{{lang.code}}", "codes": [
{{#codes}}
{"r": "{{registry.short}}", "id": "{{code.id}}", "t": "{{code.title}}", "e": {{#code.title_en}}1{{/code.title_en}}{{^code.title_en}}0{{/code.title_en}}, "u": "{{code.href}}", "tw": "{{code.title_words}}", "w": "{{code.words}}"}{{^@last}},{{/@last}}
{{/codes}}
], "forms": {
{{#forms}}
"{{form}}": [{{#hits}}[{{i}}, "{{class}}"]{{^@last}}, {{/@last}}{{/hits}}]{{^@last}},{{/@last}}
{{/forms}}
}};
