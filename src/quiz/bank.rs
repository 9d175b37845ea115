//! The question bank: written questions in file order, then generated ones, with an id index.

use std::collections::HashMap;

use super::{Question, Topic};

#[derive(Debug, Clone, Default)]
pub struct Bank {
    questions: Vec<Question>,
    index: HashMap<String, usize>,
}

impl Bank {
    /// Adds questions to the bank (the loader's, or ones generated later, such as tool →
    /// stage questions from a catalogue). A question whose id is already taken is skipped;
    /// returns how many were added.
    pub fn extend(&mut self, questions: impl IntoIterator<Item = Question>) -> usize {
        let mut added = 0;
        for q in questions {
            if self.index.contains_key(&q.id) {
                continue;
            }
            self.index.insert(q.id.clone(), self.questions.len());
            self.questions.push(q);
            added += 1;
        }
        added
    }

    /// Every question, written ones first (in file order), then generated ones.
    pub fn all(&self) -> &[Question] {
        &self.questions
    }

    pub fn get(&self, id: &str) -> Option<&Question> {
        self.index.get(id).map(|&i| &self.questions[i])
    }

    /// The questions of one topic, in bank order.
    pub fn in_topic(&self, topic: Topic) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(move |q| q.topic == topic)
    }

    pub fn len(&self) -> usize {
        self.questions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }
}
