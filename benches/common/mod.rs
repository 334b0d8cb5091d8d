//! Text the benches embed: the sample corpus's PDF-like documents, the seed letter first.

pub const TEXTS: &[&str] = &[
    include_str!("../../sample_corpus/000_4b49ee41d29ace67.txt"),
    include_str!("../../sample_corpus/brief-28638-115.txt"),
    include_str!("../../sample_corpus/motie-36600-XVI-12.txt"),
    include_str!("../../sample_corpus/amendement-34104-12.txt"),
    include_str!("../../sample_corpus/brief-woningbouw-2009.txt"),
];
